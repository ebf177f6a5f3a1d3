/**
 * How deeply a call's input may nest arrays and objects, on every wire. The deepest real payload (a
 * rule set with its tiers) nests about 8 levels; a structured clone or a recursive validator of
 * 20,000 levels overflows the stack, so deeper input is refused before anything walks it
 * recursively: the HTTP bridge checks the JSON text before parsing it, the Electron main process
 * the value it received before cloning it on to the core host.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/**
 * True when `value` nests arrays or objects more than `max` levels deep. Iterative, and it stops at
 * the first path that is too deep, so its own stack and work stay bounded whatever the value.
 */
export function exceedsDepth(value: unknown, max: number = MAX_PAYLOAD_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top || top.value === null || typeof top.value !== 'object') continue;
    if (seen.has(top.value)) continue;
    seen.add(top.value);
    const depth = top.depth + 1;
    if (depth > max) return true;
    const children = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
    }
  }
  return false;
}
