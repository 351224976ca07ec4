/**
 * Marks numbers we made up (demo data, unpublished thresholds) so nobody takes them for official figures. Its own
 * file, without antd, so the citizen's phone pages can show it without loading the desk's page header.
 */
export function SampleTag({ en }: { en?: boolean }) {
  return <span className="zc-sample-tag">{en ? 'sample' : '示例'}</span>;
}
