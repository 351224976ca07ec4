import { useEffect, useState } from 'react';

const KEY = 'zc_large_text';

/**
 * 大字模式 for the public pages (适老化): the reader's choice, kept on the device. The page's content is drawn 1.3×
 * (CSS zoom on `.zc-large-text`, styles.css), which enlarges antd's fixed-pixel controls with the text and keeps
 * the layout's proportions; the phone's own text size setting still applies on top.
 */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try {
      return localStorage.getItem(KEY) === '1';
    } catch {
      return false;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, [on]);
  return [on, setOn];
}
