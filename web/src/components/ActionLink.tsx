import { Button, type ButtonProps } from 'antd';

/**
 * An action on the same page that reads like a link (open a record's drawer, clear a filter, drill up a map). A
 * bare `<a onClick>` has no href, so the keyboard never reaches it and screen readers do not announce it as a
 * control; lint forbids that form and this is the one way to write it.
 */
export function ActionLink({ style, ...props }: Omit<ButtonProps, 'type'>) {
  return <Button type="link" size="small" style={{ padding: 0, height: 'auto', ...style }} {...props} />;
}
