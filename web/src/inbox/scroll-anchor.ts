/**
 * Where to scroll after the list changed so the conversation at the top of the viewport stays put
 * (live inserts/removals above it). Returns null when nothing needs to move: at the very top new
 * conversations should appear, and a vanished anchor has nothing to hold on to.
 */
export function anchoredScrollTop(
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  scrollTop: number,
  rowHeight: number,
): number | null {
  if (scrollTop <= 0) return null;
  const anchorIndex = Math.floor(scrollTop / rowHeight);
  const anchorId = before[anchorIndex]?.id;
  if (!anchorId) return null;
  const newIndex = after.findIndex((row) => row.id === anchorId);
  if (newIndex < 0 || newIndex === anchorIndex) return null;
  return scrollTop + (newIndex - anchorIndex) * rowHeight;
}
