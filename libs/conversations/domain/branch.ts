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

/** `rootId` and every message hanging under it, through parent links. */
export function descendantsOf(
  rootId: string,
  messages: readonly { id: string; parentId: string | null }[],
): Set<string> {
  const found = new Set<string>();
  if (!messages.some((m) => m.id === rootId)) return found;
  const children = new Map<string, string[]>();
  for (const m of messages) {
    if (m.parentId === null) continue;
    const siblings = children.get(m.parentId);
    if (siblings) siblings.push(m.id);
    else children.set(m.parentId, [m.id]);
  }
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return found;
}

/** The end of the branch through `root`: the newest child at each step down from it. */
export function newestLeafUnder<T extends { id: string; parentId: string | null; seq: number }>(
  root: T,
  messages: readonly T[],
): T {
  const newestChild = new Map<string, T>();
  for (const m of messages) {
    if (m.parentId === null) continue;
    const known = newestChild.get(m.parentId);
    if (!known || m.seq > known.seq) newestChild.set(m.parentId, m);
  }
  let leaf = root;
  for (let next = newestChild.get(leaf.id); next; next = newestChild.get(leaf.id)) leaf = next;
  return leaf;
}
