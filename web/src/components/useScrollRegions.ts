import { useEffect, useRef } from 'react';

/**
 * A table wider than the page scrolls sideways in `.ant-table-content`; with no link or button in its rows a keyboard
 * cannot reach it (axe: scrollable-region-focusable). This makes each such area of the wrapped element a named,
 * focusable region after every render.
 */
export function useScrollRegions<T extends HTMLElement>(label: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('.ant-table-content').forEach((el) => {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    });
  });
  return ref;
}
