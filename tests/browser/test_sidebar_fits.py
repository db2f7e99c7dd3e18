"""The filter sidebar's texts (labels, placeholders, slider marks) are shown whole at the
common window sizes: none is cut with an ellipsis or clipped at the sidebar's edge."""

from __future__ import annotations

import pytest

from .pages import open_page

pytestmark = pytest.mark.browser

# Leaf elements of the sidebar whose text is wider than their box, or sticks out of it.
CUT_TEXTS_JS = """() => {
  const sidebar = document.querySelector('.filters').getBoundingClientRect();
  return [...document.querySelectorAll('.filters *')]
    .filter((e) => e.children.length === 0 && e.textContent.trim() && e.clientWidth > 0)
    .filter((e) => { const r = e.getBoundingClientRect();
      return e.scrollWidth > e.clientWidth + 1 || r.left < sidebar.left || r.right > sidebar.right; })
    .map((e) => e.textContent.trim());
}"""


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_no_sidebar_text_is_cut(page, server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, server.url)
    assert page.evaluate(CUT_TEXTS_JS) == []
