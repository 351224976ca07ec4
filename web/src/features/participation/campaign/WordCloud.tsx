import { useMemo } from 'react';

/** Word cloud as sized tags: the size says how often a word was used. */
export function WordCloud({ words }: { words: { word: string; weight: number }[] }) {
  const max = Math.max(1, ...words.map((w) => w.weight));
  const colors = ['#1256b0', '#d4380d', '#389e0d', '#722ed1', '#c41d7f', '#08979c', '#d48806'];
  const shuffled = useMemo(
    () => [...words].sort((a, b) => (a.word.charCodeAt(0) % 7) - (b.word.charCodeAt(0) % 7)),
    [words],
  );
  return (
    <div
      data-testid="word-cloud"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        justifyContent: 'center',
        gap: '4px 14px',
        padding: 8,
      }}
    >
      {shuffled.map((w, i) => (
        <span
          key={w.word}
          title={`${w.word}: ${w.weight}`}
          style={{
            fontSize: 12 + Math.round(Math.sqrt(w.weight / max) * 28),
            color: colors[i % colors.length],
            lineHeight: 1.3,
          }}
        >
          {w.word}
        </span>
      ))}
    </div>
  );
}
