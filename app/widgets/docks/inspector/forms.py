"""The fields of each kind of element, and :class:`FieldForm`, which edits them.

A FieldForm edits one or several elements of one kind. Every user edit becomes one command on
the undo stack (an :class:`~app.model.commands.Edit`, or one :class:`FieldMacro` for a
multi-selection) labelled like "Edit card title"; typing merges into one step per visit of the
field. The form never changes the model directly: its host passes it the document's change
batches (``on_changes``) and it shows the model values again, field by field, without pushing
anything back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from app.model import commands as cmd
from app.model.document import Document
from app.model.events import Change, Entity, Op
from app.model.palette import KIND_LABEL, PERSPECTIVE_LABEL
from app.model.schema import (
    EMOTION_MAX,
    EMOTION_MIN,
    LANE_TYPE_LABELS,
    JourneyType,
    LinkKind,
)
from app.widgets.docks.inspector.fields import (
    Check,
    Choice,
    Field,
    Info,
    Number,
    Options,
    Tags,
    TextBlock,
    TextLine,
)
from app.widgets.docks.inspector.photo import Photo
from app.widgets.docks.inspector.pickers import Checklist, ColourPick, Rating
from app.widgets.i18n import kind_label, lane_type_label, perspective_label, translate
from app.widgets.undo import push

ENTITY_LABEL: dict[Entity, str] = {  # one of them (translated when shown); a count: entity_count
    Entity.MAP: QT_TRANSLATE_NOOP("Inspector", "map"),
    Entity.PERSONA: QT_TRANSLATE_NOOP("Inspector", "persona"),
    Entity.STAGE: QT_TRANSLATE_NOOP("Inspector", "stage"),
    Entity.LANE: QT_TRANSLATE_NOOP("Inspector", "lane"),
    Entity.CARD: QT_TRANSLATE_NOOP("Inspector", "card"),
    Entity.CURVE: QT_TRANSLATE_NOOP("Inspector", "curve"),
    Entity.POINT: QT_TRANSLATE_NOOP("Inspector", "curve point"),
    Entity.LINK: QT_TRANSLATE_NOOP("Inspector", "link"),
    Entity.METRIC: QT_TRANSLATE_NOOP("Inspector", "metric"),
}


def entity_count(entity: Entity, n: int) -> str:
    """"3 cards" in the UI language (one literal per entity: what pyside6-lupdate extracts as a plural)."""
    counts = {
        Entity.MAP: lambda: translate("Inspector", "%n map(s)", None, n),
        Entity.PERSONA: lambda: translate("Inspector", "%n persona(s)", None, n),
        Entity.STAGE: lambda: translate("Inspector", "%n stage(s)", None, n),
        Entity.LANE: lambda: translate("Inspector", "%n lane(s)", None, n),
        Entity.CARD: lambda: translate("Inspector", "%n card(s)", None, n),
        Entity.CURVE: lambda: translate("Inspector", "%n curve(s)", None, n),
        Entity.POINT: lambda: translate("Inspector", "%n curve point(s)", None, n),
        Entity.LINK: lambda: translate("Inspector", "%n link(s)", None, n),
        Entity.METRIC: lambda: translate("Inspector", "%n metric(s)", None, n),
    }
    return counts[entity]()
JOURNEY_LABEL: dict[JourneyType, str] = {
    JourneyType.PURCHASE: QT_TRANSLATE_NOOP("Inspector", "Purchase / onboarding"),
    JourneyType.USE: QT_TRANSLATE_NOOP("Inspector", "Use"),
    JourneyType.SUPPORT: QT_TRANSLATE_NOOP("Inspector", "After-sales / support"),
    JourneyType.RENEWAL: QT_TRANSLATE_NOOP("Inspector", "Renewal"),
    JourneyType.CUSTOM: QT_TRANSLATE_NOOP("Inspector", "Custom"),
}
LINK_LABEL: dict[LinkKind, str] = {
    LinkKind.FLOW: QT_TRANSLATE_NOOP("Inspector", "Flow"),
    LinkKind.HANDOFF: QT_TRANSLATE_NOOP("Inspector", "Hand-off"),
    LinkKind.DEPENDENCY: QT_TRANSLATE_NOOP("Inspector", "Dependency"),
}

_STRUCTURE = {Op.ADD, Op.REMOVE, Op.MOVE, Op.REORDER}
_NAMING = {"name", "title", "colour"}


@dataclass(frozen=True)
class Spec:
    name: str  # the model field
    label: str
    make: Callable[[], Field]
    multi: bool = True  # offered when several elements are selected
    options: Callable[[Document, Any], Options] | None = None  # choices among model elements
    depends: frozenset[Entity] = frozenset()  # the options change with these elements
    info: Callable[[Document, Any], str] | None = None  # read-only, computed


def _enum(labels: dict) -> Callable[[], Field]:
    return lambda: Choice([(k, translate("Inspector", v)) for k, v in labels.items()])


def _kinds() -> Field:
    return Choice([(k, kind_label(k)) for k in KIND_LABEL])


def _lane_types() -> Field:
    return Choice([(t, lane_type_label(t)) for t in LANE_TYPE_LABELS])


def _perspectives() -> Field:
    return Choice([(p, perspective_label(p)) for p in PERSPECTIVE_LABEL])


def _personas(doc: Document, _obj: Any) -> Options:
    return [(p.id, p.name or translate("Inspector", "(unnamed persona)")) for p in doc.map.personas]


def _persona_or_none(doc: Document, obj: Any) -> Options:
    return [(None, translate("Inspector", "(no persona)")), *_personas(doc, obj)]


def _stages(doc: Document, _obj: Any) -> Options:
    return [(s.id, s.name or translate("Inspector", "(unnamed stage)")) for s in doc.map.stages]


def _point_cards(doc: Document, point: Any) -> Options:
    cards = [c for c in doc.map.cards if c.stage_id == point.stage_id]
    return [(None, translate("Inspector", "(not anchored)")), *((c.id, c.title or translate("Inspector", "(untitled card)")) for c in cards)]


def _name(doc: Document, entity: Entity, ident: str | None, attr: str = "name") -> str:
    obj = doc.find(entity, ident) if ident else None
    return (getattr(obj, attr) or translate("Inspector", "(untitled)")) if obj is not None else "—"


def _card_where(doc: Document, card: Any) -> str:
    return f"{_name(doc, Entity.STAGE, card.stage_id)} › {_name(doc, Entity.LANE, card.lane_id)}"


def _point_curve(doc: Document, point: Any) -> str:
    curve = doc.point_curve(point.id)
    persona = _name(doc, Entity.PERSONA, curve.persona_id) if curve.persona_id else ""
    return curve.name or persona or translate("Inspector", "(unnamed curve)")


def _link_ends(doc: Document, link: Any) -> str:
    return f"{_name(doc, Entity.CARD, link.source_id, 'title')} → {_name(doc, Entity.CARD, link.target_id, 'title')}"


def _metric_stage(doc: Document, metric: Any) -> str:
    return _name(doc, Entity.STAGE, metric.stage_id)


_PERSONA_DEPS = frozenset({Entity.PERSONA})

FORMS: dict[Entity, list[Spec]] = {
    Entity.MAP: [
        Spec("title", QT_TRANSLATE_NOOP("Inspector", "Title"), TextLine),
        Spec("goal", QT_TRANSLATE_NOOP("Inspector", "Goal / scope"), TextBlock),
        Spec("journey_type", QT_TRANSLATE_NOOP("Inspector", "Journey type"), _enum(JOURNEY_LABEL)),
    ],
    Entity.CARD: [
        Spec("", QT_TRANSLATE_NOOP("Inspector", "Where"), Info, multi=False, info=_card_where),
        Spec("title", QT_TRANSLATE_NOOP("Inspector", "Title"), TextLine),
        Spec("body", QT_TRANSLATE_NOOP("Inspector", "Body"), TextBlock),
        Spec("kind", QT_TRANSLATE_NOOP("Inspector", "Kind"), _kinds),
        Spec("channel", QT_TRANSLATE_NOOP("Inspector", "Channel"), TextLine),
        Spec("owner", QT_TRANSLATE_NOOP("Inspector", "Owner"), TextLine),
        Spec("persona_ids", QT_TRANSLATE_NOOP("Inspector", "Personas"), Checklist, options=_personas, depends=_PERSONA_DEPS),
        Spec("moment_of_truth", QT_TRANSLATE_NOOP("Inspector", "Moment of truth"), Check),
        Spec("pain_point", QT_TRANSLATE_NOOP("Inspector", "Pain point"), Check),
        Spec("importance_internal", QT_TRANSLATE_NOOP("Inspector", "Importance (internal)"), Rating),
        Spec("performance_internal", QT_TRANSLATE_NOOP("Inspector", "Performance (internal)"), Rating),
        Spec("importance_customer", QT_TRANSLATE_NOOP("Inspector", "Importance (customers)"), Rating),
        Spec("performance_customer", QT_TRANSLATE_NOOP("Inspector", "Performance (customers)"), Rating),
        Spec("tags", QT_TRANSLATE_NOOP("Inspector", "Tags"), Tags),
        Spec("colour", QT_TRANSLATE_NOOP("Inspector", "Colour"), lambda: ColourPick(translate("Inspector", "Kind colour"))),
        Spec("votes", QT_TRANSLATE_NOOP("Inspector", "Votes"), lambda: Number(0, 10_000)),
        Spec("notes", QT_TRANSLATE_NOOP("Inspector", "Notes"), TextBlock),
    ],
    Entity.STAGE: [
        Spec("name", QT_TRANSLATE_NOOP("Inspector", "Name"), TextLine),
        Spec("description", QT_TRANSLATE_NOOP("Inspector", "Description"), TextBlock),
        Spec("width", QT_TRANSLATE_NOOP("Inspector", "Width"), lambda: Number(60, 5000, step=10, decimals=1, suffix=" pt", as_float=True)),
        Spec("colour", QT_TRANSLATE_NOOP("Inspector", "Colour"), ColourPick),
    ],
    Entity.LANE: [
        Spec("name", QT_TRANSLATE_NOOP("Inspector", "Name"), TextLine),
        Spec("type", QT_TRANSLATE_NOOP("Inspector", "Type"), _lane_types),
        Spec("height", QT_TRANSLATE_NOOP("Inspector", "Height"), lambda: Number(24, 5000, step=10, decimals=1, suffix=" pt", as_float=True)),
        Spec("hidden", QT_TRANSLATE_NOOP("Inspector", "Hidden"), Check),
        Spec("colour", QT_TRANSLATE_NOOP("Inspector", "Colour"), ColourPick),
    ],
    Entity.PERSONA: [
        Spec("name", QT_TRANSLATE_NOOP("Inspector", "Name"), TextLine),
        Spec("photo", QT_TRANSLATE_NOOP("Inspector", "Photo"), Photo, multi=False),
        Spec("age", QT_TRANSLATE_NOOP("Inspector", "Age"), lambda: Number(0, 150, optional=True)),
        Spec("role", QT_TRANSLATE_NOOP("Inspector", "Role / career"), TextLine),
        Spec("family", QT_TRANSLATE_NOOP("Inspector", "Family"), TextLine),
        Spec("segment", QT_TRANSLATE_NOOP("Inspector", "Segment"), TextLine),
        Spec("region", QT_TRANSLATE_NOOP("Inspector", "Region"), TextLine),
        Spec("goals", QT_TRANSLATE_NOOP("Inspector", "Goals and ambitions"), TextBlock),
        Spec("interests", QT_TRANSLATE_NOOP("Inspector", "Interests"), TextBlock),
        Spec("habits", QT_TRANSLATE_NOOP("Inspector", "Habits"), TextBlock),
        Spec("tech_familiarity", QT_TRANSLATE_NOOP("Inspector", "Tech familiarity"), Rating),
        Spec("needs", QT_TRANSLATE_NOOP("Inspector", "Needs"), TextBlock),
        Spec("frustrations", QT_TRANSLATE_NOOP("Inspector", "Frustrations"), TextBlock),
        Spec("quote", QT_TRANSLATE_NOOP("Inspector", "Quote"), TextBlock),
        Spec("colour", QT_TRANSLATE_NOOP("Inspector", "Colour"), ColourPick),
    ],
    Entity.CURVE: [
        Spec("name", QT_TRANSLATE_NOOP("Inspector", "Name"), TextLine),
        Spec("persona_id", QT_TRANSLATE_NOOP("Inspector", "Persona"), Choice, options=_persona_or_none, depends=_PERSONA_DEPS),
        Spec("perspective", QT_TRANSLATE_NOOP("Inspector", "Perspective"), _perspectives),
        Spec("colour", QT_TRANSLATE_NOOP("Inspector", "Colour"), lambda: ColourPick(translate("Inspector", "Persona colour"))),
        Spec("visible", QT_TRANSLATE_NOOP("Inspector", "Visible"), Check),
    ],
    Entity.POINT: [
        Spec("", QT_TRANSLATE_NOOP("Inspector", "Curve"), Info, multi=False, info=_point_curve),
        Spec("stage_id", QT_TRANSLATE_NOOP("Inspector", "Stage"), Choice, options=_stages, depends=frozenset({Entity.STAGE})),
        Spec("x", QT_TRANSLATE_NOOP("Inspector", "Position in stage"), lambda: Number(0, 1, step=0.05, decimals=2, as_float=True)),
        Spec("value", QT_TRANSLATE_NOOP("Inspector", "Feeling"), lambda: Number(EMOTION_MIN, EMOTION_MAX, step=0.5, decimals=1, as_float=True)),
        Spec("quote", QT_TRANSLATE_NOOP("Inspector", "Quote"), TextBlock),
        Spec("card_id", QT_TRANSLATE_NOOP("Inspector", "Anchored to card"), Choice, multi=False, options=_point_cards,
             depends=frozenset({Entity.CARD})),
    ],
    Entity.LINK: [
        Spec("", QT_TRANSLATE_NOOP("Inspector", "Joins"), Info, multi=False, info=_link_ends),
        Spec("kind", QT_TRANSLATE_NOOP("Inspector", "Kind"), _enum(LINK_LABEL)),
        Spec("label", QT_TRANSLATE_NOOP("Inspector", "Label"), TextLine),
    ],
    Entity.METRIC: [
        Spec("", QT_TRANSLATE_NOOP("Inspector", "Stage"), Info, multi=False, info=_metric_stage),
        Spec("name", QT_TRANSLATE_NOOP("Inspector", "Name"), TextLine),
        Spec("value", QT_TRANSLATE_NOOP("Inspector", "Value"), lambda: Number(-1e9, 1e9, decimals=2, optional=True, as_float=True)),
        Spec("target", QT_TRANSLATE_NOOP("Inspector", "Target"), lambda: Number(-1e9, 1e9, decimals=2, optional=True, as_float=True)),
        Spec("unit", QT_TRANSLATE_NOOP("Inspector", "Unit"), TextLine),
    ],
}


class FieldMacro(cmd.Macro):
    """The same field edited on several elements: one undo step; typing merges."""

    def __init__(self, label: str, commands: list[cmd.Edit], merge_key: str | None = None):
        super().__init__(label, commands)
        self.merge_key = merge_key

    def merge(self, other: cmd.Command) -> bool:
        if (not isinstance(other, FieldMacro) or other.merge_key != self.merge_key or self.merge_key is None
                or [c.ident for c in other.commands] != [c.ident for c in self.commands]):
            return False
        for mine, theirs in zip(self.commands, other.commands, strict=True):
            mine.fields = theirs.fields
        return True


class FieldForm(QWidget):
    """Edits the fields of ``ids`` (elements of one ``entity``; ``[""]`` for the map)."""

    def __init__(self, doc: Document, stack: QUndoStack, entity: Entity, ids: list[str], parent=None):
        super().__init__(parent)
        self.doc = doc
        self.stack = stack
        self.entity = entity
        self.ids = list(ids)
        self._idset = set(self.ids)
        self.specs = [s for s in FORMS[entity] if s.multi or len(self.ids) == 1]
        self.fields: dict[str, Field] = {}
        self._info: list[tuple[Spec, Field]] = []
        self._options: list[tuple[Spec, Field]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow docks: label above
        outer.addLayout(form)
        outer.addStretch(1)
        objs = self.objects()
        for spec in self.specs:
            field = spec.make()
            field.setObjectName(spec.name or spec.label)
            if spec.info is not None:
                self._info.append((spec, field))
            else:
                self.fields[spec.name] = field
                if spec.options is not None:
                    self._options.append((spec, field))
                    field.set_options(spec.options(doc, objs[0]))
                field.edited.connect(partial(self._commit, spec, field))
            form.addRow(translate("Inspector", spec.label), field)
            field.set_accessible_label(translate("Inspector", spec.label))
        self._load(set(self.fields))

    def can_show(self, entity: Entity, ids: list[str]) -> bool:
        """True when this form has the right fields for ``ids`` (see :meth:`retarget`)."""
        return entity is self.entity and (len(ids) > 1) == (len(self.ids) > 1)

    def retarget(self, ids: list[str]) -> None:
        """Edit other elements of the same kind with the same fields (a canvas rubber band
        changes the selection often: the editors stay, only their values change)."""
        self.ids = list(ids)
        self._idset = set(self.ids)
        for field in self.fields.values():
            field._end_session()
        objs = self.objects()
        for spec, field in self._options:
            field.set_options(spec.options(self.doc, objs[0]))
        self._load(set(self.fields))

    # ---------------------------------------------------------------- model
    def objects(self) -> list[Any]:
        return [self.doc.get(self.entity, i) for i in self.ids]

    def alive(self) -> bool:
        return all(self.doc.find(self.entity, i) is not None for i in self.ids)

    def _load(self, names: set[str]) -> None:
        objs = self.objects()
        for spec, field in self._info:
            field.set_value(spec.info(self.doc, objs[0]))
        for name in names:
            field = self.fields.get(name)
            if field is not None:
                field.load([getattr(o, name) for o in objs])

    def on_changes(self, changes: list[Change]) -> None:
        """Show what the document changed (nothing is pushed back)."""
        if not self.alive():
            return
        names: set[str] = set()
        options = False
        for c in changes:
            if c.entity is self.entity and c.op is Op.UPDATE and (c.id in self._idset):
                names |= c.fields
                options = True
            elif any(c.entity in spec.depends for spec, _ in self._options) and (
                c.op in _STRUCTURE or (c.op is Op.UPDATE and c.fields & _NAMING)
            ):
                options = True
        if options:
            objs = self.objects()
            for spec, field in self._options:
                field.set_options(spec.options(self.doc, objs[0]))
                names.add(spec.name)
        self._load(names)

    # ---------------------------------------------------------------- edits
    def label_for(self, spec: Spec) -> str:
        """The undo label: "Edit card title", "Edit title of 3 cards". ``{field}`` is the field's
        name in lower case, ``{Field}`` as the form shows it (for languages that capitalise nouns)."""
        label = translate("Inspector", spec.label)
        if len(self.ids) == 1:
            text = translate("Inspector", "Edit {entity} {field}")
            return text.format(entity=translate("Inspector", ENTITY_LABEL[self.entity]), field=label.lower(), Field=label)
        text = translate("Inspector", "Edit {field} of {items}")
        return text.format(field=label.lower(), Field=label, items=entity_count(self.entity, len(self.ids)))

    def _commit(self, spec: Spec, field: Field, value: Any, merge: bool) -> None:
        objs = self.objects()
        olds = [getattr(o, spec.name) for o in objs]
        news = [field.apply_to(old, value) for old in olds]
        if news == olds:
            field.load(olds)  # e.g. a toggle button that Qt flipped: show the model again
            return
        label = self.label_for(spec)
        edits = [cmd.Edit(self.entity, i, {spec.name: new}, label, merge=merge)
                 for i, new in zip(self.ids, news, strict=True)]
        session = f"#{field.session}"
        if len(edits) == 1:
            command: cmd.Command = edits[0]
            if merge:
                command.merge_key += session
        else:
            key = f"fields:{self.entity.value}:{','.join(self.ids)}:{spec.name}{session}" if merge else None
            command = FieldMacro(label, edits, key)
        push(self.stack, self.doc, command)
