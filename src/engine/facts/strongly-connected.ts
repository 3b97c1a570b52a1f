// Strongly connected components (Tarjan's algorithm on an explicit stack: graphs of a whole
// project are deep enough to overflow a recursive walk). Used per file and in the link step.

/** The strongly connected component of each node (Tarjan's algorithm, on an explicit stack). */
export function componentsOf(graph: readonly (readonly number[])[]): Int32Array {
  const n = graph.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = graph[frame.node]!;
      if (frame.edge < out.length) {
        const next = out[frame.edge++]!;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          work.push({ node: next, edge: 0 });
        } else if (onStack[next]) low[frame.node] = Math.min(low[frame.node]!, index[next]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low[parent] = Math.min(low[parent]!, low[frame.node]!);
      }
      if (low[frame.node] === index[frame.node]) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component[member] = components;
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return component;
}

/** The components that are cycles (two or more nodes, or one with an edge to itself), in the order Tarjan finishes them; members ascending. */
export function cyclicComponents(graph: readonly (readonly number[])[]): number[][] {
  const component = componentsOf(graph);
  const members: number[][] = [];
  for (let node = 0; node < graph.length; node++) (members[component[node]!] ??= []).push(node);
  return members.filter((nodes) => nodes.length > 1 || graph[nodes[0]!]!.includes(nodes[0]!));
}
