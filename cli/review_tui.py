"""The `refmerge review` screen (textual): one item at a time, one key per decision.

Only cli/review_cmd.py imports this module, and only on a terminal: textual takes a
noticeable time to import, which no other command should pay. All state and every
write live in `Session`; the screen only shows it and forwards keys, so the plain
prompt and the screen cannot drift apart. Reading and matching a large library takes
seconds, so the screen opens at once and does that work in a thread, saying so.
"""

from __future__ import annotations

import contextlib
import io
import sys
import threading
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static

from refmerge.dedupe.policy import DIFFERENT, SAME, VERSIONS

from .review_session import Session, field_rows, label

FIELD_WIDTH = 14  # the field-name column
LONGEST = 600  # characters of one value shown (an abstract is cut with …)


def _cell(value: str, differs: bool) -> Text:
    """A value as the table shows it, wrapped within its column."""
    value = " ".join(value.split())
    if not value:
        return Text("—", style="dim")
    if len(value) > LONGEST:
        value = value[: LONGEST - 1] + "…"
    return Text(value, style="bold yellow" if differs else "")


class ReviewApp(App[None]):
    """Review pairs and version groups; every decision is saved by `Session` at once."""

    TITLE = "refmerge review"
    CSS = """
    #heading { background: $primary; color: $text; padding: 0 1; }
    #reasons { padding: 0 1; color: $text-muted; }
    #fields { height: 1fr; }
    #ask { dock: bottom; display: none; }
    #ask.shown { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "decide('same')", "same work"),
        Binding("d", "decide('different')", "different"),
        Binding("v", "decide('versions')", "versions"),
        Binding("s", "skip", "skip"),
        Binding("u", "undo", "undo"),
        Binding("slash", "ask('search')", "search"),
        Binding("g", "ask('jump')", "jump"),
        Binding("q", "quit", "quit"),
        Binding("escape", "close_ask", show=False),
    ]
    VERDICT = {"same": SAME, "different": DIFFERENT, "versions": VERSIONS}  # noqa: RUF012

    def __init__(self, session: Session | Callable[[], Session]) -> None:
        """`session`, or a function that reads and matches to make one (run in a thread)."""
        super().__init__()
        self.session: Session | None = session if isinstance(session, Session) else None
        self.loader = None if isinstance(session, Session) else session
        self.failure: BaseException | None = None
        self.printed: list[str] = []  # what reading printed (diagnostics), shown after exit
        self.loading: threading.Thread | None = None
        self.asking = ""
        self.message = ""

    def compose(self) -> ComposeResult:
        yield Static(id="heading")
        yield Static(id="reasons")
        table: DataTable[Text] = DataTable(id="fields", zebra_stripes=True, cursor_type="none")
        yield table
        yield Input(id="ask")
        yield Footer()

    def on_mount(self) -> None:
        if self.loader is None:
            self.show()
            return
        self.query_one("#heading", Static).update("reading the inputs and finding duplicates…")
        # a daemon thread, not a textual worker: quitting while a large library is still
        # being read ends the program at once instead of waiting for the read to finish
        self.loading = threading.Thread(target=self._load, name="review-load", daemon=True)
        self.loading.start()

    def _load(self) -> None:
        """Read and match in this thread; what that prints (diagnostics) waits for the exit."""
        assert self.loader is not None
        buffer = io.StringIO()
        try:
            with contextlib.redirect_stderr(buffer):
                session = self.loader()
        except BaseException as exc:  # typer.Exit for unreadable input: reported after exit
            self.failure = exc
            self.printed.append(buffer.getvalue())
            self.call_from_thread(self.exit)
            return
        self.printed.append(buffer.getvalue())
        self.call_from_thread(self._loaded, session)

    def _loaded(self, session: Session) -> None:
        self.session = session
        if not session.items:
            self.exit()
            return
        self.show()

    def show(self) -> None:
        """Redraw the current item: heading with progress, reasons, fields side by side."""
        session = self.session
        if session is None:
            return
        item = session.current()
        heading = session.heading()
        if self.message:
            heading += f" · {self.message}"
        self.query_one("#heading", Static).update(heading)
        table: DataTable[Text] = self.query_one("#fields", DataTable)
        table.clear(columns=True)
        if item is None:
            self.query_one("#reasons", Static).update("q quits; u takes back the last decision")
            return
        self.query_one("#reasons", Static).update("reasons: " + "; ".join(item.reasons))
        refs = session.refs
        # the records share the width, each value wrapped in its column: no sideways scrolling
        spare = self.size.width - FIELD_WIDTH - 2 * (len(item.members) + 1) - 2
        width = max(16, spare // len(item.members))
        table.add_column("field", key="field", width=FIELD_WIDTH)
        for n, m in enumerate(item.members):
            table.add_column(f"{label(refs[m])}  {refs[m].origin}", key=f"r{n}", width=width)
        types = [refs[m].entry_type for m in item.members]
        table.add_row(Text("  type"), *[_cell(t, len(set(types)) > 1) for t in types])
        for row in field_rows(refs, item.members):
            name = Text(("≠ " if row.differs else "  ") + row.name)
            if row.differs:
                name.stylize("bold red")
            table.add_row(name, *[_cell(v, row.differs) for v in row.values], height=None)

    def action_decide(self, verdict: str) -> None:
        if self.session is not None:
            self.message = ""
            self.session.decide(self.VERDICT[verdict])
            self.show()

    def action_skip(self) -> None:
        if self.session is not None:
            self.message = ""
            self.session.skip()
            self.show()

    def action_undo(self) -> None:
        if self.session is not None:
            self.message = "" if self.session.undo() else "nothing to undo"
            self.show()

    def action_ask(self, what: str) -> None:
        """Open the line at the bottom for a search text or an item number."""
        if self.session is None:
            return
        self.asking = what
        ask = self.query_one("#ask", Input)
        ask.value = ""
        ask.placeholder = (
            "search: key, file:line or any field text"
            if what == "search"
            else f"jump to item (1-{len(self.session.items)})"
        )
        ask.add_class("shown")
        ask.focus()

    def action_close_ask(self) -> None:
        """Escape: close the search/jump line without moving."""
        self.query_one("#ask", Input).remove_class("shown")
        self.asking = ""
        self.query_one("#fields", DataTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.session is None:
            return
        ask = self.query_one("#ask", Input)
        ask.remove_class("shown")
        text = event.value.strip()
        if self.asking == "search":
            self.message = "" if self.session.search(text) else f"not found: {text}"
        elif text.isdigit() and self.session.jump(int(text)):
            self.message = ""
        else:
            self.message = f"no item {text}"
        self.asking = ""
        self.query_one("#fields", DataTable).focus()
        self.show()


def run_screen(load: Callable[[], Session]) -> Session | None:
    """Open the screen, load in the background, and return the session when the user quits
    (None when quit before loading ended); what loading printed goes to stderr after."""
    app = ReviewApp(load)
    app.run()
    sys.stderr.write("".join(app.printed))
    if app.failure is not None:
        raise app.failure
    return app.session
