export const RAG_COLOUR: Record<string, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
export const RAG_WORDS: Record<string, [string, string]> = {
  green: ['绿', 'Green'],
  yellow: ['黄', 'Yellow'],
  red: ['红', 'Red'],
};
export const STATUS_WORDS: Record<string, [string, string]> = {
  planned: ['已立项', 'Planned'],
  assigned: ['已交办', 'Assigned'],
  closed: ['已办结', 'Closed'],
};
export const SUPERVISION_WORDS: Record<string, [string, string]> = {
  assign: ['交办', 'Assigned'],
  reminder: ['提醒', 'Reminder'],
  escalation: ['催办', 'Escalation'],
  evaluation: ['考评', 'Evaluation'],
};
