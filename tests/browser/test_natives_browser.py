"""The page keeps the browser's own string trimming and number parsing
(assets/natives_first.js), which Dash's polyfill would replace with slower copies."""

from __future__ import annotations

import pytest

from .pages import open_page

pytestmark = pytest.mark.browser

# U+180E has not been white space since Unicode 6.3: the browser's own functions keep it; the
# polyfill's copies (core-js 2) trim it away.
NATIVES_JS = """() => ({
  trim: ['trim', 'trimStart', 'trimEnd'].map((name) => '\\u180Ex\\u180E'[name]().length),
  parseFloat: String(parseFloat('\\u180E1.5')),
  parseInt: String(parseInt('\\u180E7', 10)),
  numberParseFloat: Number.parseFloat === parseFloat,
  numberParseInt: Number.parseInt === parseInt,
  scripts: Array.from(document.scripts, (script) => script.src.split('?')[0].split('/').pop()),
})"""


def test_the_browsers_own_trim_and_number_parsers_survive_dashs_polyfill(page, server):
    open_page(page, server.url)
    found = page.evaluate(NATIVES_JS)
    assert found["trim"] == [3, 3, 3]
    assert (found["parseFloat"], found["parseInt"]) == ("NaN", "NaN")
    assert found["numberParseFloat"] and found["numberParseInt"]
    scripts = found["scripts"]
    polyfill = next(index for index, name in enumerate(scripts) if name.startswith("polyfill@"))
    assert scripts.index("natives_first.js") < polyfill < scripts.index("natives.js")
    assert scripts.count("natives_first.js") == 1
    # The page still draws with them.
    assert page.evaluate("document.querySelectorAll('#timeline .scatterlayer .trace').length") > 0
