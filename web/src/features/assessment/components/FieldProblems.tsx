import { App } from 'antd';
import { fieldLabel } from '@zhicheng/contracts';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { problemText } from '../../../components/problem';

/**
 * A refusal naming several fields (validation on submit names each indicator) is listed in a dialog; returns
 * false for any other problem, which the one problem handler then shows.
 */
export function useFieldProblems() {
  const { modal } = App.useApp();
  const { lang, t } = useI18n();
  return (e: unknown): boolean => {
    if (!(e instanceof ApiError) || !e.problem.errors?.length) return false;
    modal.error({
      title: problemText(e, lang),
      width: 640,
      content: (
        <ul data-testid="problem-list">
          {e.problem.errors.map((x) => (
            <li key={x.path}>
              {fieldLabel(x.path, lang)}:{x.message}
            </li>
          ))}
        </ul>
      ),
      okText: t('知道了', 'OK'),
    });
    return true;
  };
}
