/**
 * The active branch: from the current leaf back through parents. Edits and regenerations make
 * siblings, so without a leaf the newest message (highest seq) ends the branch.
 */
export function activeBranch<T extends { id: string; parentId: string | null }>(
  messagesBySeq: T[],
  currentLeafId: string | null,
): T[] {
  if (messagesBySeq.length === 0) return [];
  const byId = new Map(messagesBySeq.map((m) => [m.id, m]));
  let node: T | undefined =
    (currentLeafId && byId.get(currentLeafId)) || messagesBySeq[messagesBySeq.length - 1];
  const branch: T[] = [];
  const seen = new Set<string>();
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    branch.push(node);
    node = node.parentId ? byId.get(node.parentId) : undefined;
  }
  return branch.reverse();
}
