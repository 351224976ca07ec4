import { App, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import type { ScreenWarning, WarningActInput } from '@zhicheng/contracts/screen';
import { useI18n } from '../../../app/i18n';
import { useActOnWarning } from '../api';

/** The closed loop's event classes (GB/T 30428), as the city brain names them. */
const CATEGORIES = [
  ['public_safety', '公共安全', 'Public safety'],
  ['city_appearance', '市容环境', 'City appearance'],
  ['road_facility', '道路设施', 'Road facilities'],
  ['environment', '生态环境', 'Environment'],
  ['traffic', '交通运行', 'Traffic'],
  ['public_health', '公共卫生', 'Public health'],
] as const;

const LEVEL = { red: ['红色', 'Red'], orange: ['橙色', 'Orange'], yellow: ['黄色', 'Yellow'] } as const;

/**
 * Key-indicator warnings: level, what fired, who acts; a click opens the page the figure comes from, and 处置 opens
 * a 督办 task in the work ledger or an event in the city brain's closed loop (after a confirmation: it cannot be
 * taken back from here).
 */
export function Warnings({ warnings, region }: { warnings: ScreenWarning[]; region: string }) {
  const { t, pick, lang } = useI18n();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const act = useActOnWarning((r) => navigate(r.href));
  const confirm = (w: ScreenWarning, input: Omit<WarningActInput, 'region' | 'ruleId'>, what: string) =>
    modal.confirm({
      title: t('确认处置预警', 'Act on this warning?'),
      content: `${what}:${pick(w.message)}`,
      okText: t('确认', 'Confirm'),
      cancelText: t('取消', 'Cancel'),
      onOk: () => act.mutateAsync({ region, ruleId: w.ruleId, ...input }),
    });
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
              <span onClick={(e) => e.stopPropagation()}>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'ledger', label: t('立督办任务(工作台账)', 'Open a 督办 task (work ledger)') },
                      {
                        key: 'event',
                        label: t('转城市大脑事件', 'Raise a city-brain event'),
                        children: CATEGORIES.map(([key, zh, en]) => ({ key, label: t(zh, en) })),
                      },
                    ],
                    onClick: ({ key }) =>
                      key === 'ledger'
                        ? confirm(w, { action: 'ledger_task' }, t('立督办任务', 'Open a 督办 task'))
                        : confirm(
                            w,
                            { action: 'city_event', category: key as WarningActInput['category'] },
                            t('转城市大脑事件', 'Raise an event'),
                          ),
                  }}
                >
                  <a className="act" data-testid="warning-act">
                    {t('处置', 'Act')}
                  </a>
                </Dropdown>
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
