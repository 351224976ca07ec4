import { Badge, Button, Dropdown, Empty, List, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { chinaToday } from './chinaDay';
import type { Todo } from './feature';
import { FEATURES } from './features';
import { useI18n } from './i18n';

/** Days before a deadline from which a to-do is flagged as due soon. */
export const DUE_SOON_DAYS = 7;

const HOOKS = FEATURES.flatMap((f) => (f.useTodos ? [f.useTodos] : []));

/** Every module's to-dos for the signed-in user, the most urgent first (overdue, then by deadline). */
export function useTodos(): Todo[] {
  // The list of hooks is fixed when the app loads, so they run in the same order on every render.
  const all = HOOKS.flatMap((h) => h());
  return sortTodos(all);
}

export function sortTodos(items: readonly Todo[]): Todo[] {
  const due = (t: Todo) => (t.due ? dayjs(t.due).valueOf() : Number.MAX_SAFE_INTEGER);
  return [...items].sort((a, b) => due(a) - due(b) || a.key.localeCompare(b.key));
}

/** Whole days from `today` to a deadline day: negative once it passed. */
export function daysLeft(due: string, today: dayjs.Dayjs): number {
  return dayjs(due).startOf('day').diff(today.startOf('day'), 'day');
}

/** How pressing a deadline is, on `today`: overdue, due within DUE_SOON_DAYS, or later. */
export function urgency(due: string | null | undefined, today: dayjs.Dayjs): 'overdue' | 'soon' | 'later' | null {
  if (!due) return null;
  const days = daysLeft(due, today);
  return days < 0 ? 'overdue' : days <= DUE_SOON_DAYS ? 'soon' : 'later';
}

export function TodoList({ items, compact }: { items: Todo[]; compact?: boolean }) {
  const { t, pick } = useI18n();
  // Deadlines are days in China (the server judges them so), whatever the browser's zone.
  const today = chinaToday();
  if (!items.length) return <Empty description={t('暂无待办', 'Nothing waiting for you')} />;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="todo-list"
      style={compact ? { width: 'min(360px, calc(100vw - 24px))', maxHeight: 420, overflow: 'auto' } : undefined}
      renderItem={(x) => {
        const u = urgency(x.due, today);
        const left = x.due ? daysLeft(x.due, today) : null;
        return (
          <List.Item data-testid={`todo-${x.key}`}>
            <List.Item.Meta
              title={
                <Link to={x.path}>
                  {pick(x.title)}
                  {x.count !== undefined && ` (${x.count})`}
                </Link>
              }
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x.since && `${t('自', 'Since')} ${dayjs(x.since).format('YYYY-MM-DD')} `}
                  {x.due && `${t('截止', 'Due')} ${x.due}`}
                  {x.note && <div>{pick(x.note)}</div>}
                </Typography.Text>
              }
            />
            {u === 'overdue' && left !== null && (
              <Tag color="red" data-testid="todo-overdue">
                {t(`已逾期 ${-left} 天`, `Overdue by ${-left} ${-left === 1 ? 'day' : 'days'}`)}
              </Tag>
            )}
            {u === 'soon' && left !== null && (
              <Tag color="orange" data-testid="todo-due-soon">
                {left === 0
                  ? t('今天截止', 'Due today')
                  : t(`${left} 天后截止`, `Due in ${left} ${left === 1 ? 'day' : 'days'}`)}
              </Tag>
            )}
          </List.Item>
        );
      }}
    />
  );
}

/** The header's bell: how many things wait, and the list on click. */
export function TodoBell() {
  const { t } = useI18n();
  const items = useTodos();
  const n = items.reduce((a, x) => a + (x.count ?? 1), 0);
  return (
    <Dropdown
      trigger={['click']}
      popupRender={() => (
        <div style={{ background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,.12)', padding: 8 }}>
          <TodoList items={items} compact />
        </div>
      )}
    >
      <Button type="text" aria-label={t(`我的待办,${n} 项`, `My to-dos, ${n}`)} data-testid="todo-bell">
        <Badge count={n} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
