// Positions an element through the CSSOM (element.style), which the strict CSP allows, rather
// than through a style attribute, which it refuses.
export function place(node: HTMLElement, at: { x: number; y: number }) {
  const set = (p: { x: number; y: number }) => {
    node.style.left = `${p.x}px`;
    node.style.top = `${p.y}px`;
  };
  set(at);
  return { update: set };
}
