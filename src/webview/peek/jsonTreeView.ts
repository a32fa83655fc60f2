// A JSON value as a collapsible tree (WAI-ARIA tree pattern): a roving tab stop, ↑/↓ move,
// → opens or steps in, ← closes or steps out, Home/End, Enter or Space toggles.

import { jsonTree, nodeSummary, type JsonTreeNode } from './jsonTree';
import { el } from './dom';

/** Nodes this deep and deeper start closed. */
const OPEN_DEPTH = 2;

/**
 * The tree of `text`, or undefined when it is not JSON. `toggled` holds the paths ("0/3/1") of
 * the nodes the user closed or opened against the default, so a re-render keeps them.
 */
export function jsonTreeElement(text: string, label: string, toggled: Set<string>): HTMLElement | undefined {
  const root = jsonTree(text);
  if (!root) return undefined;
  const tree = el('ul', 'json-tree');
  tree.setAttribute('role', 'tree');
  tree.setAttribute('aria-label', label);
  tree.appendChild(item(root, '', 1, toggled));
  const first = tree.querySelector<HTMLElement>('[role="treeitem"]');
  if (first) first.tabIndex = 0;
  tree.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : undefined;
    const node = target?.closest<HTMLElement>('[role="treeitem"]');
    if (!node) return;
    focusItem(tree, node);
    if (target?.closest('.twisty')) toggle(node, toggled);
  });
  tree.addEventListener('keydown', (event) => keydown(tree, event, toggled));
  return tree;
}

function item(node: JsonTreeNode, path: string, level: number, toggled: Set<string>): HTMLLIElement {
  const li = el('li');
  li.setAttribute('role', 'treeitem');
  li.setAttribute('aria-level', String(level));
  li.tabIndex = -1;
  li.dataset.path = path;
  const line = el('div', 'line');
  const container = node.kind === 'object' || node.kind === 'array';
  line.appendChild(el('span', container ? 'twisty' : 'twisty leaf', ''));
  if (node.key !== undefined) {
    line.appendChild(el('span', 'jkey', JSON.stringify(node.key)));
    line.appendChild(el('span', 'punct', ': '));
  }
  line.appendChild(el('span', `jvalue j${node.kind}`, container ? nodeSummary(node) : node.raw));
  li.appendChild(line);
  if (container) {
    const open = (level <= OPEN_DEPTH) !== toggled.has(path);
    li.setAttribute('aria-expanded', String(open));
    const group = el('ul');
    group.setAttribute('role', 'group');
    node.children.forEach((child, i) => group.appendChild(item(child, path === '' ? String(i) : `${path}/${i}`, level + 1, toggled)));
    li.appendChild(group);
  }
  return li;
}

function toggle(node: HTMLElement, toggled: Set<string>, open?: boolean): void {
  const expanded = node.getAttribute('aria-expanded');
  if (expanded === null) return;
  const next = open ?? expanded !== 'true';
  if (next === (expanded === 'true')) return;
  node.setAttribute('aria-expanded', String(next));
  const path = node.dataset.path ?? '';
  if (toggled.has(path)) toggled.delete(path);
  else toggled.add(path);
}

/** The items a person can see, in order: those not inside a closed one. */
function visibleItems(tree: HTMLElement): HTMLElement[] {
  return [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((node) => !node.parentElement?.closest('[aria-expanded="false"]'));
}

function focusItem(tree: HTMLElement, node: HTMLElement): void {
  for (const other of tree.querySelectorAll<HTMLElement>('[role="treeitem"][tabindex="0"]')) other.tabIndex = -1;
  node.tabIndex = 0;
  node.focus();
}

function keydown(tree: HTMLElement, event: KeyboardEvent, toggled: Set<string>): void {
  const current = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[role="treeitem"]') : null;
  if (!current) return;
  const items = visibleItems(tree);
  const at = items.indexOf(current);
  const expanded = current.getAttribute('aria-expanded');
  const go = (node: HTMLElement | null | undefined) => node && focusItem(tree, node);
  switch (event.key) {
    case 'ArrowDown':
      go(items[at + 1]);
      break;
    case 'ArrowUp':
      go(items[at - 1]);
      break;
    case 'Home':
      go(items[0]);
      break;
    case 'End':
      go(items[items.length - 1]);
      break;
    case 'ArrowRight':
      if (expanded === 'false') toggle(current, toggled, true);
      else if (expanded === 'true') go(current.querySelector<HTMLElement>('[role="treeitem"]'));
      break;
    case 'ArrowLeft':
      if (expanded === 'true') toggle(current, toggled, false);
      else go(current.parentElement?.closest<HTMLElement>('[role="treeitem"]'));
      break;
    case 'Enter':
    case ' ':
      toggle(current, toggled);
      break;
    default:
      return;
  }
  event.preventDefault();
  event.stopPropagation();
}
