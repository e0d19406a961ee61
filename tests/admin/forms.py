"""Read an admin form from its HTML, as a browser would submit it, so tests POST what it shows."""

from html.parser import HTMLParser

FormData = dict[str, list[str]]

NOT_SUBMITTED = {"submit", "button", "image", "file", "reset"}


class _AdminFormParser(HTMLParser):
    """Collects the fields of the form with the given id: inputs, selects and textareas."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.fields: FormData = {}
        self.templates: FormData = {}
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _store(self, name: str, values: list[str]) -> None:
        # An inline's empty-form template ("__prefix__") is kept apart, to build new rows from.
        target = self.templates if "__prefix__" in name else self.fields
        target.setdefault(name, []).extend(values)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.in_form = attributes.get("id") == self.form_id
            return
        name = attributes.get("name")
        if not self.in_form:
            return
        if tag == "option" and self._select is not None:
            self._options.append((attributes.get("value", ""), "selected" in attributes))
        if not name or "disabled" in attributes:
            return
        if tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind in NOT_SUBMITTED:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self._store(name, [attributes.get("value", "on")])
                else:
                    self._store(name, [])
                return
            self._store(name, [attributes.get("value", "")])
        elif tag == "select":
            self._select = (name, "multiple" in attributes)
            self._options = []
        elif tag == "textarea":
            self._textarea = name
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            selected = [value for value, chosen in self._options if chosen]
            if not selected and not multiple and self._options:
                selected = [self._options[0][0]]
            self._store(name, selected)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that follows <textarea>.
            self._store(self._textarea, ["".join(self._text).removeprefix("\n")])
            self._textarea = None


class AdminForm:
    """The data an admin add or change form would submit, with helpers to fill it in."""

    def __init__(self, html: str, model_name: str) -> None:
        parser = _AdminFormParser(f"{model_name}_form")
        parser.feed(html)
        self.data: FormData = parser.fields
        self.templates: FormData = parser.templates
        assert self.data, f"no form {model_name}_form in the page"

    def fill(self, **values: object) -> None:
        for name, value in values.items():
            assert name in self.data, f"the form has no field {name}"
            self.data[name] = (
                [str(item) for item in value] if isinstance(value, list) else [str(value)]
            )

    def add_inline_row(self, prefix: str, **values: object) -> None:
        """Add a row to the inline ``prefix``, as the "Add another" link does."""
        total_name = f"{prefix}-TOTAL_FORMS"
        assert total_name in self.data, f"the form has no inline {prefix}"
        index = int(self.data[total_name][0])
        row_prefix = f"{prefix}-__prefix__-"
        for name, template in self.templates.items():
            if name.startswith(row_prefix):
                self.data[name.replace("__prefix__", str(index))] = list(template)
        self.data[total_name] = [str(index + 1)]
        for field, value in values.items():
            name = f"{prefix}-{index}-{field}"
            assert name in self.data, f"the inline {prefix} has no field {field}"
            self.data[name] = [str(value)]

    def post_data(self) -> dict[str, list[str]]:
        return {name: values for name, values in self.data.items() if values}
