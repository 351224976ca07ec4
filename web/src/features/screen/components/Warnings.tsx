import { useNavigate } from 'react-router';
import type { ScreenWarning } from '@zhicheng/contracts/screen';
import { useI18n } from '../../../app/i18n';

const LEVEL = { red: ['红色', 'Red'], orange: ['橙色', 'Orange'], yellow: ['黄色', 'Yellow'] } as const;

/** Key-indicator warnings: level, what fired, who acts; a click opens the page to act from. */
export function Warnings({ warnings }: { warnings: ScreenWarning[] }) {
  const { t, pick, lang } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="zc-screen-warnings" data-testid="warnings">
      <div className="head">
        {t('预警', 'Warnings')} <strong data-testid="warning-count">{warnings.length}</strong>
      </div>
      {warnings.length === 0 ? (
        <div className="none">{t('当前无预警', 'No warnings')}</div>
      ) : (
        <ul>
          {warnings.slice(0, 6).map((w) => (
            <li
              key={w.ruleId}
              className={w.level}
              data-testid="warning"
              data-level={w.level}
              onClick={() => navigate(w.href)}
              title={t('点击打开处置页面', 'Click to open the page to act from')}
            >
              <span className="level">{LEVEL[w.level][lang === 'zh' ? 0 : 1]}</span>
              <span className="msg">{pick(w.message)}</span>
              <span className="owner">
                {w.owner}
                {w.simulated ? ` · ${t('示例', 'sample')}` : ''}
              </span>
            </li>
          ))}
          {warnings.length > 6 && (
            <li className="more">{t(`另有 ${warnings.length - 6} 条`, `${warnings.length - 6} more`)}</li>
          )}
        </ul>
      )}
    </div>
  );
}
