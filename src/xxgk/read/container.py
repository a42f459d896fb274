"""Where the report is on a page: the smallest element holding most of its text.

Government pages put the report inside menus, breadcrumbs, side bars and footers. Starting
at ``<body>``, :func:`find_container` descends into the child holding ≥ 80 % of the CJK
text that is not link text, and stops where descending would lose text or a data table.

Each element is weighed once (:class:`Page` keeps the weights by Lexbor's ``mem_id``), an
only child is weighed without counting again, and weighing the children stops as soon as
the rest could not hold the share together. Weighing an element counts its text in C, so a
page whose report sits deep below many levels of small siblings would make the search
quadratic: once it has counted :data:`FILL_AT` times the page's text, every weight below
is computed in one pass instead (:meth:`Page.fill`) — linear in the page, whatever its depth.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

DESCEND_SHARE = 0.8
FILL_AT = 8  # after counting this many times the page's text, weigh the rest in one pass
LAYOUT_CELL_CJK = 400  # a table cell holding more CJK characters than this is page layout
_CJK = re.compile(
    "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)  # as grid.is_cjk


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


class Page:
    """What the container search and the walker ask about elements, each computed once
    (keyed by Lexbor's ``mem_id``): text weight, data tables inside, data-table-ness."""

    def __init__(self) -> None:
        self.weights: dict[int, int] = {}
        self.data: dict[int, bool] = {}
        self.work = 0  # characters counted so far by the container search
        self.tables: dict[int, int] = {}  # data tables inside, once filled

    def weight(self, node: LexborNode) -> int:
        """CJK characters of ``node`` outside links: menus are link text, reports are not."""
        key = node.mem_id
        if key not in self.weights:
            text = node.text(deep=True)
            self.work += len(text)
            links = sum(cjk_count(a.text(deep=True)) for a in node.css("a"))
            self.weights[key] = cjk_count(text) - links
        return self.weights[key]

    def is_data_table(self, node: LexborNode) -> bool:
        """A ``<table>`` holding data (not page layout): never descended into or split."""
        if node.tag != "table":
            return False
        key = node.mem_id
        if key not in self.data:
            self.data[key] = not (len(node.css("table")) > 1 or _is_layout(node))
        return self.data[key]

    def tables_in(self, node: LexborNode) -> int:
        """Data tables inside ``node``."""
        known = self.tables.get(node.mem_id)
        if known is not None:
            return known
        return sum(1 for t in node.css("table") if self.is_data_table(t))

    def fill(self, root: LexborNode) -> None:
        """Weights and data-table counts of every element under ``root``, in one post-order
        pass: an element's weight is its own text's plus its children's (a link's is 0)."""
        stack: list[list] = [[root, 0, 0, root.child]]
        while stack:
            frame = stack[-1]
            child = frame[3]
            if child is None:
                stack.pop()
                node, weight, tables = frame[0], frame[1], frame[2]
                tables += self.is_data_table(node)
                weight = 0 if node.tag == "a" else weight
                self.weights[node.mem_id], self.tables[node.mem_id] = weight, tables
                if stack:
                    stack[-1][1] += weight
                    stack[-1][2] += tables
                continue
            frame[3] = child.next
            if child.is_text_node:
                frame[1] += cjk_count(child.text_content or "")
            elif child.is_element_node:
                stack.append([child, 0, 0, child.child])


def find_container(root: LexborNode, page: Page | None = None) -> LexborNode:
    """The smallest element holding ≥ 80 % of the page's non-link CJK text.

    Linear in the page, not in its depth times its size (see the module docstring)."""
    page = page or Page()
    node = root
    weight = page.weight(node)
    budget, filled = FILL_AT * max(page.work, 1), False
    while True:
        if page.work > budget and not filled:
            page.fill(node)
            filled = True
        elements = element_children(node)
        children = [c for c in elements if not page.is_data_table(c)]
        if not children or weight == 0:
            return node
        if len(elements) == 1 and _is_wrapper(node, children[0]):
            best, best_weight = children[0], weight - _own_cjk(node)
            page.weights[best.mem_id] = best_weight
            if best_weight < DESCEND_SHARE * weight:
                return node
        else:
            best, best_weight = _heaviest(children, weight, page)
            if best_weight < DESCEND_SHARE * weight or page.tables_in(best) < page.tables_in(node):
                return node  # descending would lose text or a table
        node, weight = best, best_weight


def _heaviest(children: list[LexborNode], weight: int, page: Page) -> tuple[LexborNode, int]:
    """The heaviest child (the first of equals) — or, as soon as the children not yet weighed
    could not hold the share together, the heaviest so far (the search stops there anyway)."""
    need = DESCEND_SHARE * weight
    best, best_weight, left = children[0], -1, weight
    for child in children:
        if best_weight < need and left < need:
            break  # no child left can reach the share: the answer is "stay"
        w = page.weight(child)
        if w > best_weight:
            best, best_weight = child, w
        left -= w
    return best, best_weight


def _is_wrapper(node: LexborNode, child: LexborNode) -> bool:
    """``child``, the only element in ``node``, holds all of ``node`` but its direct text and
    the same data tables (neither is a link or a table)."""
    return node.tag not in ("a", "table") and child.tag not in ("a", "table")


def _own_cjk(node: LexborNode) -> int:
    """CJK characters in ``node``'s own text nodes (not its elements')."""
    total = 0
    child = node.child
    while child is not None:
        if child.is_text_node:
            total += cjk_count(child.text_content or "")
        child = child.next
    return total


def element_children(node: LexborNode) -> list[LexborNode]:
    out = []
    child = node.child
    while child is not None:
        if child.is_element_node:
            out.append(child)
        child = child.next
    return out


def _is_layout(table: LexborNode) -> bool:
    """A table whose cells hold long prose is page layout, not data."""
    return any(cjk_count(td.text(deep=True)) > LAYOUT_CELL_CJK for td in table.css("td"))
