/** The messages of a conversation as a tree: edits and regenerations are siblings (same parent). */

export interface TreeMessage {
  id: string;
  parentId: string | null;
  seq: number;
}

/** Which child is shown under each parent (`''` for the roots): the branch the person looks at. */
export type BranchChoices = Readonly<Record<string, string>>;

const ROOT = '';

export function parentKey(message: TreeMessage): string {
  return message.parentId ?? ROOT;
}

/** Children by parent key, each list by seq (oldest first: version 1 is the original). */
export function childrenByParent<T extends TreeMessage>(messages: readonly T[]): Map<string, T[]> {
  const children = new Map<string, T[]>();
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    const key = parentKey(message);
    const list = children.get(key);
    if (list) list.push(message);
    else children.set(key, [message]);
  }
  return children;
}

/** The shown branch: from the roots down, the chosen child, else the newest. */
export function visiblePath<T extends TreeMessage>(
  messages: readonly T[],
  choices: BranchChoices,
): T[] {
  const children = childrenByParent(messages);
  const path: T[] = [];
  const seen = new Set<string>();
  let key = ROOT;
  for (;;) {
    const siblings = children.get(key);
    if (!siblings?.length) return path;
    const chosen = siblings.find((m) => m.id === choices[key]) ?? siblings[siblings.length - 1];
    if (seen.has(chosen.id)) return path;
    seen.add(chosen.id);
    path.push(chosen);
    key = chosen.id;
  }
}

/** Choices that show exactly this branch (e.g. the server's active one, or a new turn). */
export function choicesFor(
  branch: readonly TreeMessage[],
  base: BranchChoices = {},
): BranchChoices {
  const next: Record<string, string> = { ...base };
  for (const message of branch) next[parentKey(message)] = message.id;
  return next;
}

/** Position of a message among its siblings: `{index: 0, count: 1}` when it has none. */
export function siblingPosition(
  children: Map<string, TreeMessage[]>,
  message: TreeMessage,
): { index: number; count: number; siblings: TreeMessage[] } {
  const siblings = children.get(parentKey(message)) ?? [message];
  return {
    index: Math.max(
      0,
      siblings.findIndex((m) => m.id === message.id),
    ),
    count: siblings.length,
    siblings,
  };
}

/** Shows the sibling `step` places away (‹ is -1, › is +1), clamped to the first and last. */
export function chooseSibling(
  children: Map<string, TreeMessage[]>,
  message: TreeMessage,
  step: number,
  choices: BranchChoices,
): BranchChoices {
  const { index, siblings } = siblingPosition(children, message);
  const target = siblings[Math.min(siblings.length - 1, Math.max(0, index + step))];
  return { ...choices, [parentKey(message)]: target.id };
}
