"""The editor's language: Qt translators for the UI and the translated names of the model's terms.

:func:`install_translators` loads ``resources/i18n/journeymap_LANG.qm`` for the system locale
(``JOURNEYMAP_LANG=de`` overrides it) and Qt's own ``qtbase_LANG.qm`` for standard dialogs and
buttons. Every user-visible text in ``app/widgets`` goes through :func:`translate` with a literal
context and text, which is what ``pyside6-lupdate`` extracts (``make translations``); the
command line and the PDF stay English, as do the model's and the file readers' messages.

Module-level tables mark their texts with ``QT_TRANSLATE_NOOP`` and translate them when shown,
since a table is built before any translator is installed.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.io.templates import RESOURCES
from app.model.palette import KIND_LABEL, PERSPECTIVE_LABEL
from app.model.schema import LANE_TYPE_LABELS, CardKind, LaneType, Perspective

I18N_FOLDER = RESOURCES / "i18n"
ENV_VAR = "JOURNEYMAP_LANG"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``; ``n`` picks the plural form of a ``%n`` text. Source texts
    are English with regular plurals written ``(s)`` ("%n card(s)"): without a translation the
    English forms are made here ("1 card", "2 cards")."""
    out = QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and "(s)" in out:
        out = out.replace("(s)", "" if n == 1 else "s")
    return out


def ui_locale() -> QLocale:
    """``JOURNEYMAP_LANG`` (``de``, ``de_AT``; ``C`` or ``en`` for English) or the system locale."""
    wanted = os.environ.get(ENV_VAR, "").strip()
    return QLocale(wanted) if wanted else QLocale.system()


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install the translators for ``locale`` (default :func:`ui_locale`) on ``app`` and make it
    the default locale (dates, numbers, the user guide). Returns what was installed (kept alive
    as children of ``app``); English needs none."""
    locale = locale or ui_locale()
    QLocale.setDefault(locale)
    for old in app.findChildren(QTranslator, "journeymapTranslator"):
        app.removeTranslator(old)
        old.deleteLater()
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_folder), ("journeymap", str(I18N_FOLDER))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder, ".qm"):
            translator.setObjectName("journeymapTranslator")
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed


# The model's names of its terms, translated in the UI (context "Terms").
_LANE_TYPES = {
    LaneType.ACTIONS: QT_TRANSLATE_NOOP("Terms", "Customer actions"),
    LaneType.THOUGHTS: QT_TRANSLATE_NOOP("Terms", "Thoughts"),
    LaneType.FEELINGS: QT_TRANSLATE_NOOP("Terms", "Feelings"),
    LaneType.TOUCHPOINTS: QT_TRANSLATE_NOOP("Terms", "Touchpoints"),
    LaneType.CHANNELS: QT_TRANSLATE_NOOP("Terms", "Channels"),
    LaneType.ON_STAGE: QT_TRANSLATE_NOOP("Terms", "On-stage actions"),
    LaneType.BACKSTAGE: QT_TRANSLATE_NOOP("Terms", "Behind the scenes"),
    LaneType.SUPPORT: QT_TRANSLATE_NOOP("Terms", "Support processes"),
    LaneType.PAIN_POINTS: QT_TRANSLATE_NOOP("Terms", "Pain points"),
    LaneType.OPPORTUNITIES: QT_TRANSLATE_NOOP("Terms", "Opportunities"),
    LaneType.OWNERS: QT_TRANSLATE_NOOP("Terms", "Owners"),
    LaneType.METRICS: QT_TRANSLATE_NOOP("Terms", "Metrics"),
    LaneType.TEXT: QT_TRANSLATE_NOOP("Terms", "Notes"),
}
_KINDS = {
    CardKind.TOUCHPOINT: QT_TRANSLATE_NOOP("Terms", "Touchpoint"),
    CardKind.ACTION: QT_TRANSLATE_NOOP("Terms", "Customer action"),
    CardKind.THOUGHT: QT_TRANSLATE_NOOP("Terms", "Thought"),
    CardKind.PAIN: QT_TRANSLATE_NOOP("Terms", "Pain point"),
    CardKind.OPPORTUNITY: QT_TRANSLATE_NOOP("Terms", "Opportunity"),
    CardKind.PROCESS: QT_TRANSLATE_NOOP("Terms", "Process"),
    CardKind.NOTE: QT_TRANSLATE_NOOP("Terms", "Note"),
}
_PERSPECTIVES = {
    Perspective.CUSTOMER: QT_TRANSLATE_NOOP("Terms", "Customer-reported"),
    Perspective.INTERNAL: QT_TRANSLATE_NOOP("Terms", "Internal assumption"),
    Perspective.TO_BE: QT_TRANSLATE_NOOP("Terms", "To-be"),
}


def lane_type_label(lane_type: LaneType) -> str:
    return translate("Terms", _LANE_TYPES.get(lane_type) or LANE_TYPE_LABELS.get(lane_type, lane_type.value))


def kind_label(kind: CardKind) -> str:
    return translate("Terms", _KINDS.get(kind) or KIND_LABEL.get(kind, kind.value))


def perspective_label(perspective: Perspective) -> str:
    return translate("Terms", _PERSPECTIVES.get(perspective) or PERSPECTIVE_LABEL.get(perspective, perspective.value))
