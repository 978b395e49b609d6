import type { Page } from "@playwright/test";

/**
 * What a person would notice is wrong with a page's layout, as sentences (empty when it looks right):
 * - the page itself scrolls sideways (a wide table must scroll inside its own .table-wrap);
 * - a badge's text is cut off;
 * - a sentence is squeezed into a column a few characters wide;
 * - two panels (cards) one above the other touch, with no gap between them;
 * - a button sits on top of another one, or sticks out of the window (buttons inside a table that
 *   scrolls sideways are reached by scrolling that table).
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const label = (el: Element) => `"${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });

    const page = document.scrollingElement!;
    if (page.scrollWidth > window.innerWidth)
      problems.push(`the page scrolls sideways: ${page.scrollWidth}px wide in a ${window.innerWidth}px window`);

    for (const badge of document.querySelectorAll(".badge")) {
      if (!shown(badge)) continue;
      if (badge.scrollWidth > badge.clientWidth + 1 || badge.scrollHeight > badge.clientHeight + 1)
        problems.push(`badge ${label(badge)} is cut off`);
    }

    for (const el of document.body.querySelectorAll("*")) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? "")
        .join("")
        .trim();
      if (own.length < 12 || !shown(el)) continue;
      const width = el.getBoundingClientRect().width;
      if (width < 4 * parseFloat(getComputedStyle(el).fontSize))
        problems.push(`"${own.slice(0, 40)}" is squeezed into a ${Math.round(width)}px column`);
    }

    const cards = [...document.querySelectorAll(".card")].filter(shown).map((el) => ({ el, box: el.getBoundingClientRect() }));
    for (const a of cards) {
      for (const b of cards) {
        const gap = b.box.top - a.box.bottom;
        const sideBySide = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 0;
        if (a !== b && sideBySide && gap >= 0 && gap < 8 && !a.el.contains(b.el))
          problems.push(`panels ${label(a.el)} and ${label(b.el)} touch`);
      }
    }

    const buttons = [...document.querySelectorAll("button, a.btn, [role=button]")].filter(shown);
    const boxes = buttons.map((el) => ({ el, box: el.getBoundingClientRect() })).filter(({ box }) => box.width > 0 && box.height > 0);
    for (const { el, box } of boxes) {
      if (el.closest(".table-wrap, dialog:not([open])")) continue;
      if (box.left < -1 || box.right > window.innerWidth + 1)
        problems.push(`button ${label(el)} sticks out of the window (${Math.round(box.left)}–${Math.round(box.right)}px)`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const overlapX = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const overlapY = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`buttons ${label(a.el)} and ${label(b.el)} overlap`);
      }
    }
    return problems;
  });
}
