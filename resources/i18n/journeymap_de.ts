<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>Accessibility</name>
        <message>
            <source>pain point</source>
            <translation>Pain Point</translation>
        </message>
        <message>
            <source>moment of truth</source>
            <translation>Moment of Truth</translation>
        </message>
        <message numerus="yes">
            <source>%n dot(s) in the open vote</source>
            <translation>
                <numerusform>%n Punkt in der offenen Abstimmung</numerusform>
                <numerusform>%n Punkte in der offenen Abstimmung</numerusform>
            </translation>
        </message>
        <message>
            <source>{0} votes</source>
            <translation>{0} Stimmen</translation>
        </message>
        <message>
            <source>1 vote</source>
            <translation>1 Stimme</translation>
        </message>
        <message>
            <source>Untitled card</source>
            <translation>Karte ohne Titel</translation>
        </message>
        <message>
            <source>Card: {0}, {1}</source>
            <translation>Karte: {0}, {1}</translation>
        </message>
        <message>
            <source>Journey map</source>
            <translation>Journey Map</translation>
        </message>
        <message>
            <source>Select the card the link starts from, then choose Link From This Card.</source>
            <translation>Wählen Sie die Karte, von der die Verknüpfung ausgeht, dann „Verknüpfung von dieser Karte“.</translation>
        </message>
        <message>
            <source>Link from “{0}”: go to the target card with the arrow keys, then press Enter (Esc cancels).</source>
            <translation>Verknüpfung von „{0}“: Mit den Pfeiltasten zur Zielkarte gehen, dann Eingabe drücken (Esc bricht ab).</translation>
        </message>
        <message>
            <source>Go to another card with the arrow keys, then press Enter (Esc cancels).</source>
            <translation>Mit den Pfeiltasten zu einer anderen Karte gehen, dann Eingabe drücken (Esc bricht ab).</translation>
        </message>
        <message>
            <source>“{0}” already links to “{1}”.</source>
            <translation>„{0}“ ist bereits mit „{1}“ verknüpft.</translation>
        </message>
        <message>
            <source>Linked “{0}” to “{1}”.</source>
            <translation>„{0}“ mit „{1}“ verknüpft.</translation>
        </message>
        <message>
            <source>Link cancelled.</source>
            <translation>Verknüpfung abgebrochen.</translation>
        </message>
        <message>
            <source>Link cancelled: its first card is gone.</source>
            <translation>Verknüpfung abgebrochen: Ihre erste Karte gibt es nicht mehr.</translation>
        </message>
        <message>
            <source>This map has no feelings lane: set a lane's type to Feelings to draw a curve.</source>
            <translation>Diese Map hat keine Ebene „Gefühle“: Setzen Sie den Typ einer Ebene auf „Gefühle“, um eine Kurve zu zeichnen.</translation>
        </message>
        <message>
            <source>Curve point added in {0}: Up and Down change the feeling, Left and Right move it (Shift: finer steps).</source>
            <translation>Kurvenpunkt in {0} hinzugefügt: Auf und Ab ändern das Gefühl, Links und Rechts verschieben ihn (Umschalt: feinere Schritte).</translation>
        </message>
        <message>
            <source>Move curve point</source>
            <translation>Kurvenpunkt verschieben</translation>
        </message>
        <message>
            <source>{0}, value {1:+g}</source>
            <translation>{0}, Wert {1:+g}</translation>
        </message>
        <message>
            <source>Card kinds</source>
            <translation>Kartenarten</translation>
        </message>
        <message>
            <source>Enter adds a card of the chosen kind to the selected cell</source>
            <translation>Eingabe fügt der gewählten Zelle eine Karte dieser Art hinzu</translation>
        </message>
        <message>
            <source>{0}: {1} of {2}</source>
            <translation>{0}: {1} von {2}</translation>
        </message>
        <message>
            <source>Clear {0}</source>
            <translation>{0} leeren</translation>
        </message>
        <message>
            <source>Opens a colour chooser</source>
            <translation>Öffnet eine Farbauswahl</translation>
        </message>
        <message>
            <source>Persona of the new curve</source>
            <translation>Persona der neuen Kurve</translation>
        </message>
        <message>
            <source>Perspective of the new curve</source>
            <translation>Perspektive der neuen Kurve</translation>
        </message>
        <message>
            <source>Active curve: {0}</source>
            <translation>Aktive Kurve: {0}</translation>
        </message>
        <message>
            <source>New curve points go to this curve</source>
            <translation>Neue Kurvenpunkte kommen auf diese Kurve</translation>
        </message>
        <message>
            <source>Show curve: {0}</source>
            <translation>Kurve zeigen: {0}</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Personas</source>
            <translation>Personas</translation>
        </message>
        <message>
            <source>Find cards</source>
            <translation>Karten suchen</translation>
        </message>
        <message>
            <source>Previous match</source>
            <translation>Vorheriger Treffer</translation>
        </message>
        <message>
            <source>Next match</source>
            <translation>Nächster Treffer</translation>
        </message>
        <message>
            <source>Close the find bar</source>
            <translation>Suchleiste schließen</translation>
        </message>
        <message>
            <source>Clear the search text</source>
            <translation>Suchtext leeren</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Papier</translation>
        </message>
        <message>
            <source>Orientation</source>
            <translation>Ausrichtung</translation>
        </message>
        <message>
            <source>Poster scale (%)</source>
            <translation>Postermaßstab (%)</translation>
        </message>
        <message>
            <source>Sheet paper</source>
            <translation>Blattformat</translation>
        </message>
        <message>
            <source>Sheet orientation</source>
            <translation>Blattausrichtung</translation>
        </message>
        <message>
            <source>Tiled print scale (%)</source>
            <translation>Maßstab des Kachelausdrucks (%)</translation>
        </message>
        <message>
            <source>Viewing distance (m)</source>
            <translation>Betrachtungsabstand (m)</translation>
        </message>
        <message>
            <source>Poster size to tile</source>
            <translation>Postergröße zum Kacheln</translation>
        </message>
        <message>
            <source>Sheets across</source>
            <translation>Blätter nebeneinander</translation>
        </message>
        <message>
            <source>Sheets down</source>
            <translation>Blätter untereinander</translation>
        </message>
        <message>
            <source>Resolution (dpi)</source>
            <translation>Auflösung (dpi)</translation>
        </message>
        <message>
            <source>Width (pixels)</source>
            <translation>Breite (Pixel)</translation>
        </message>
        <message>
            <source>More</source>
            <translation>Mehr</translation>
        </message>
        <message>
            <source>Shows the entries that do not fit</source>
            <translation>Zeigt die Einträge, die keinen Platz haben</translation>
        </message>
    </context>
    <context>
        <name>Analysis</name>
        <message>
            <source>&amp;Matrix</source>
            <extracomment>the fields an update must touch to matter (a card's colour, notes or tags do not) the card fields the matrix shows (its numbering follows the cards' reading order)</extracomment>
            <translation>&amp;Matrix</translation>
        </message>
        <message>
            <source>&amp;Priorities</source>
            <translation>&amp;Prioritäten</translation>
        </message>
        <message>
            <source>Importance versus performance: customer view</source>
            <translation>Wichtigkeit gegen Leistung: Sicht der Kunden</translation>
        </message>
        <message>
            <source>Importance versus performance: internal view</source>
            <translation>Wichtigkeit gegen Leistung: interne Sicht</translation>
        </message>
        <message>
            <source>Importance versus performance: internal (dashed) to customer</source>
            <translation>Wichtigkeit gegen Leistung: intern (gestrichelt) zu Kunden</translation>
        </message>
        <message>
            <source>Concentrate here</source>
            <translation>Hier konzentrieren</translation>
        </message>
        <message>
            <source>Keep up the good work</source>
            <translation>Weiter so</translation>
        </message>
        <message>
            <source>Low priority</source>
            <translation>Geringe Priorität</translation>
        </message>
        <message>
            <source>Possible overkill</source>
            <translation>Möglicherweise zu viel des Guten</translation>
        </message>
        <message>
            <source>Importance</source>
            <translation>Wichtigkeit</translation>
        </message>
        <message>
            <source>Performance</source>
            <translation>Leistung</translation>
        </message>
        <message>
            <source>No touchpoint is rated in this view</source>
            <translation>In dieser Sicht ist kein Touchpoint bewertet</translation>
        </message>
        <message>
            <source>+{n} more</source>
            <translation>+{n} weitere</translation>
        </message>
        <message>
            <source>Importance versus performance matrix</source>
            <translation>Matrix Wichtigkeit gegen Leistung</translation>
        </message>
        <message>
            <source>customer</source>
            <translation>Kunden</translation>
        </message>
        <message>
            <source>internal</source>
            <translation>intern</translation>
        </message>
        <message>
            <source>{number}. {title} ({seen})</source>
            <translation>{number}. {title} ({seen})</translation>
        </message>
        <message>
            <source>Customer view</source>
            <translation>Sicht der Kunden</translation>
        </message>
        <message>
            <source>Internal view</source>
            <translation>Interne Sicht</translation>
        </message>
        <message>
            <source>Both: internal to customer</source>
            <translation>Beide: intern zu Kunden</translation>
        </message>
        <message>
            <source>Ratings shown</source>
            <translation>Gezeigte Bewertungen</translation>
        </message>
        <message>
            <source>Export PNG…</source>
            <translation>PNG exportieren…</translation>
        </message>
        <message>
            <source>Export SVG…</source>
            <translation>SVG exportieren…</translation>
        </message>
        <message>
            <source>&amp;Ratings:</source>
            <translation>&amp;Bewertungen:</translation>
        </message>
        <message>
            <source>Export chart</source>
            <translation>Diagramm exportieren</translation>
        </message>
        <message>
            <source>The chart was not written: {reason}</source>
            <translation>Das Diagramm wurde nicht geschrieben: {reason}</translation>
        </message>
        <message>
            <source>PNG picture (*.png)</source>
            <translation>PNG-Bild (*.png)</translation>
        </message>
        <message>
            <source>SVG drawing (*.svg)</source>
            <translation>SVG-Zeichnung (*.svg)</translation>
        </message>
        <message>
            <source>Filter by stage</source>
            <extracomment>rows shown above and below the visible ones when the columns fit their contents</extracomment>
            <translation>Nach Phase filtern</translation>
        </message>
        <message>
            <source>Filter by owner</source>
            <translation>Nach Verantwortlichen filtern</translation>
        </message>
        <message>
            <source>Filter by persona</source>
            <translation>Nach Persona filtern</translation>
        </message>
        <message>
            <source>Touchpoint</source>
            <translation>Touchpoint</translation>
        </message>
        <message>
            <source>Gap</source>
            <translation>Lücke</translation>
        </message>
        <message>
            <source>Moment of truth</source>
            <translation>Moment of Truth</translation>
        </message>
        <message>
            <source>Votes</source>
            <translation>Stimmen</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>Punkte</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Verantwortlich</translation>
        </message>
        <message>
            <source>Importance minus performance, as customers rate them</source>
            <translation>Wichtigkeit minus Leistung, wie Kunden sie bewerten</translation>
        </message>
        <message>
            <source>The ranking of journeymap analyze: gap, importance, moment of truth, votes, links</source>
            <translation>Die Rangfolge von journeymap analyze: Lücke, Wichtigkeit, Moment of Truth, Stimmen, Verbindungen</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>Priority list</source>
            <translation>Prioritätenliste</translation>
        </message>
        <message>
            <source>Columns: click one to sort by it</source>
            <translation>Spalten: zum Sortieren eine anklicken</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>Zeilen</translation>
        </message>
        <message>
            <source>Select all rows</source>
            <translation>Alle Zeilen auswählen</translation>
        </message>
        <message>
            <source>S&amp;tage:</source>
            <translation>P&amp;hase:</translation>
        </message>
        <message>
            <source>O&amp;wner:</source>
            <translation>&amp;Verantwortlich:</translation>
        </message>
        <message>
            <source>Pers&amp;ona:</source>
            <translation>Pers&amp;ona:</translation>
        </message>
        <message>
            <source>(no owner)</source>
            <translation>(ohne Verantwortliche)</translation>
        </message>
        <message>
            <source>All stages</source>
            <translation>Alle Phasen</translation>
        </message>
        <message>
            <source>All owners</source>
            <translation>Alle Verantwortlichen</translation>
        </message>
        <message>
            <source>All personas</source>
            <translation>Alle Personas</translation>
        </message>
    </context>
    <context>
        <name>CardKinds</name>
        <message>
            <source>Drag onto the map to add a card of the kind “{kind}”; double-click or Enter adds one to the selected cell</source>
            <translation>Auf die Map ziehen, um eine Karte der Art „{kind}“ hinzuzufügen; Doppelklick oder Eingabe fügt sie der gewählten Zelle hinzu</translation>
        </message>
    </context>
    <context>
        <name>Cards</name>
        <message>
            <source>Move card left</source>
            <translation>Karte nach links verschieben</translation>
        </message>
        <message>
            <source>Move card right</source>
            <translation>Karte nach rechts verschieben</translation>
        </message>
        <message>
            <source>Move card up</source>
            <translation>Karte nach oben verschieben</translation>
        </message>
        <message>
            <source>Move card down</source>
            <translation>Karte nach unten verschieben</translation>
        </message>
        <message numerus="yes">
            <source>Move %n card(s) left</source>
            <translation>
                <numerusform>%n Karte nach links verschieben</numerusform>
                <numerusform>%n Karten nach links verschieben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Move %n card(s) right</source>
            <translation>
                <numerusform>%n Karte nach rechts verschieben</numerusform>
                <numerusform>%n Karten nach rechts verschieben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Move %n card(s) up</source>
            <translation>
                <numerusform>%n Karte nach oben verschieben</numerusform>
                <numerusform>%n Karten nach oben verschieben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Move %n card(s) down</source>
            <translation>
                <numerusform>%n Karte nach unten verschieben</numerusform>
                <numerusform>%n Karten nach unten verschieben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cut %n card(s)</source>
            <translation>
                <numerusform>%n Karte ausschneiden</numerusform>
                <numerusform>%n Karten ausschneiden</numerusform>
            </translation>
        </message>
        <message>
            <source>Cut card</source>
            <translation>Karte ausschneiden</translation>
        </message>
        <message>
            <source>Duplicate card</source>
            <translation>Karte duplizieren</translation>
        </message>
        <message numerus="yes">
            <source>Duplicate %n card(s)</source>
            <translation>
                <numerusform>%n Karte duplizieren</numerusform>
                <numerusform>%n Karten duplizieren</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Clipboard</name>
        <message numerus="yes">
            <source>Pasted the first {n} of %n line(s): at most {limit} at once.</source>
            <translation>
                <numerusform>Die ersten {n} von %n Zeile eingefügt: höchstens {limit} auf einmal.</numerusform>
                <numerusform>Die ersten {n} von %n Zeilen eingefügt: höchstens {limit} auf einmal.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Pasted the first {n} of %n card(s): at most {limit} at once.</source>
            <translation>
                <numerusform>Die ersten {n} von %n Karte eingefügt: höchstens {limit} auf einmal.</numerusform>
                <numerusform>Die ersten {n} von %n Karten eingefügt: höchstens {limit} auf einmal.</numerusform>
            </translation>
        </message>
        <message>
            <source>Paste card</source>
            <translation>Karte einfügen</translation>
        </message>
        <message numerus="yes">
            <source>Paste %n card(s)</source>
            <translation>
                <numerusform>%n Karte einfügen</numerusform>
                <numerusform>%n Karten einfügen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CompareDialog</name>
        <message>
            <source>Journey maps (*.journey.json *.json);;All files (*)</source>
            <translation>Journey Maps (*.journey.json *.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Compare with map</source>
            <translation>Mit Map vergleichen</translation>
        </message>
        <message>
            <source>the last saved version</source>
            <translation>der zuletzt gespeicherten Version</translation>
        </message>
        <message>
            <source>Compare With</source>
            <translation>Vergleichen mit</translation>
        </message>
        <message>
            <source>Show on the map what changed since:</source>
            <translation>Auf der Map zeigen, was sich geändert hat seit:</translation>
        </message>
        <message>
            <source>&amp;Another file…</source>
            <translation>&amp;Andere Datei…</translation>
        </message>
        <message>
            <source>The last &amp;saved version</source>
            <translation>Die zuletzt &amp;gespeicherte Version</translation>
        </message>
        <message>
            <source>A &amp;git revision:</source>
            <translation>Eine Git-&amp;Revision:</translation>
        </message>
        <message>
            <source>(the file is not in a git repository)</source>
            <translation>(die Datei liegt in keinem Git-Repository)</translation>
        </message>
    </context>
    <context>
        <name>CompareDock</name>
        <message>
            <source>Map</source>
            <translation>Map</translation>
        </message>
        <message>
            <source>Persona</source>
            <translation>Persona</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>Lane</source>
            <translation>Ebene</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <source>Curve</source>
            <translation>Kurve</translation>
        </message>
        <message>
            <source>Curve point</source>
            <translation>Kurvenpunkt</translation>
        </message>
        <message>
            <source>Link</source>
            <translation>Verknüpfung</translation>
        </message>
        <message>
            <source>Stage metric</source>
            <translation>Phasenkennzahl</translation>
        </message>
        <message>
            <source>added</source>
            <translation>hinzugefügt</translation>
        </message>
        <message>
            <source>removed</source>
            <translation>entfernt</translation>
        </message>
        <message>
            <source>moved</source>
            <translation>verschoben</translation>
        </message>
        <message>
            <source>reordered</source>
            <translation>umsortiert</translation>
        </message>
        <message>
            <source>renamed</source>
            <translation>umbenannt</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>geändert</translation>
        </message>
        <message>
            <source>title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>text</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>owner</source>
            <translation>Verantwortlich</translation>
        </message>
        <message>
            <source>channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>tags</source>
            <translation>Schlagwörter</translation>
        </message>
        <message>
            <source>votes</source>
            <translation>Stimmen</translation>
        </message>
        <message>
            <source>value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>label</source>
            <translation>Beschriftung</translation>
        </message>
        <message>
            <source>colour</source>
            <translation>Farbe</translation>
        </message>
        <message>
            <source>personas</source>
            <translation>Personas</translation>
        </message>
        <message>
            <source>{element} {action}: {name}</source>
            <translation>{element} {action}: {name}</translation>
        </message>
        <message>
            <source>position {old} → {new}</source>
            <translation>Position {old} → {new}</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Vergleich</translation>
        </message>
        <message>
            <source>&amp;Previous</source>
            <translation>&amp;Zurück</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Weiter</translation>
        </message>
        <message>
            <source>&amp;End Comparison</source>
            <translation>Vergleich &amp;beenden</translation>
        </message>
        <message numerus="yes">
            <source>Compared with {source}: %n change(s).</source>
            <translation>
                <numerusform>Verglichen mit {source}: %n Änderung(en).</numerusform>
                <numerusform>Verglichen mit {source}: %n Änderung(en).</numerusform>
            </translation>
        </message>
        <message>
            <source>Compared with {source}: no changes.</source>
            <translation>Verglichen mit {source}: keine Änderungen.</translation>
        </message>
    </context>
    <context>
        <name>Curves</name>
        <message>
            <source>Delete curve point</source>
            <translation>Kurvenpunkt löschen</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n item(s)</source>
            <translation>
                <numerusform>%n Element löschen</numerusform>
                <numerusform>%n Elemente löschen</numerusform>
            </translation>
        </message>
        <message>
            <source>Move curve point</source>
            <translation>Kurvenpunkt verschieben</translation>
        </message>
        <message>
            <source>Add curve point</source>
            <translation>Kurvenpunkt hinzufügen</translation>
        </message>
        <message>
            <source>Delete Point</source>
            <translation>Punkt löschen</translation>
        </message>
    </context>
    <context>
        <name>DataFormats</name>
        <message>
            <source>Data files</source>
            <translation>Datendateien</translation>
        </message>
        <message>
            <source>Import as new map</source>
            <translation>Als neue Map importieren</translation>
        </message>
        <message>
            <source>Imported {name} as a new map</source>
            <translation>{name} als neue Map importiert</translation>
        </message>
        <message>
            <source>Import into this map</source>
            <translation>In diese Map importieren</translation>
        </message>
        <message>
            <source>Import {name}</source>
            <translation>{name} importieren</translation>
        </message>
        <message>
            <source>{name} adds nothing to this map</source>
            <translation>{name} fügt dieser Map nichts hinzu</translation>
        </message>
        <message numerus="yes">
            <source>%n card(s)</source>
            <translation>
                <numerusform>%n Karte</numerusform>
                <numerusform>%n Karten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n stage(s)</source>
            <translation>
                <numerusform>%n Phase</numerusform>
                <numerusform>%n Phasen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n lane(s)</source>
            <translation>
                <numerusform>%n Ebene</numerusform>
                <numerusform>%n Ebenen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n persona(s)</source>
            <translation>
                <numerusform>%n Persona</numerusform>
                <numerusform>%n Personas</numerusform>
            </translation>
        </message>
        <message>
            <source>Added {what} from {name}</source>
            <translation>{what} aus {name} hinzugefügt</translation>
        </message>
        <message>
            <source>curves and links</source>
            <translation>Kurven und Verbindungen</translation>
        </message>
        <message numerus="yes">
            <source>(%n bad row(s) skipped)</source>
            <translation>
                <numerusform>(%n fehlerhafte Zeile übersprungen)</numerusform>
                <numerusform>(%n fehlerhafte Zeilen übersprungen)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Skipped %n bad row(s) of {name}:</source>
            <translation>
                <numerusform>%n fehlerhafte Zeile von {name} übersprungen:</numerusform>
                <numerusform>%n fehlerhafte Zeilen von {name} übersprungen:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>…and %n more</source>
            <translation>
                <numerusform>…und %n weitere</numerusform>
                <numerusform>…und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <source>Export data</source>
            <translation>Daten exportieren</translation>
        </message>
        <message>
            <source>Exported {name}</source>
            <translation>{name} exportiert</translation>
        </message>
        <message>
            <source>Nothing was imported.</source>
            <translation>Es wurde nichts importiert.</translation>
        </message>
        <message>
            <source>Nothing was written.</source>
            <translation>Es wurde nichts geschrieben.</translation>
        </message>
        <message>
            <source>&amp;Skip Bad Rows</source>
            <translation>Fehlerhafte Zeilen ü&amp;berspringen</translation>
        </message>
    </context>
    <context>
        <name>Docks</name>
        <message>
            <source>Analysis</source>
            <translation>Analyse</translation>
        </message>
        <message>
            <source>Outline</source>
            <translation>Gliederung</translation>
        </message>
        <message>
            <source>Personas</source>
            <translation>Personas</translation>
        </message>
        <message>
            <source>Card Kinds</source>
            <translation>Kartenarten</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>Inspektor</translation>
        </message>
        <message>
            <source>Curves Legend</source>
            <translation>Kurvenlegende</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>Abläufe</translation>
        </message>
        <message>
            <source>Vote</source>
            <translation>Abstimmung</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <source>PDF poster</source>
            <translation>PDF-Poster</translation>
        </message>
        <message>
            <source>PDF tiled print</source>
            <translation>PDF-Kachelausdruck</translation>
        </message>
        <message>
            <source>PNG image</source>
            <translation>PNG-Bild</translation>
        </message>
        <message>
            <source>SVG image</source>
            <translation>SVG-Bild</translation>
        </message>
        <message>
            <source>PDF poster (*.pdf)</source>
            <translation>PDF-Poster (*.pdf)</translation>
        </message>
        <message>
            <source>PDF tiled print (*.pdf)</source>
            <translation>PDF-Kachelausdruck (*.pdf)</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG-Bild (*.png)</translation>
        </message>
        <message>
            <source>SVG image (*.svg)</source>
            <translation>SVG-Bild (*.svg)</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>automatisch</translation>
        </message>
        <message>
            <source>portrait</source>
            <translation>Hochformat</translation>
        </message>
        <message>
            <source>landscape</source>
            <translation>Querformat</translation>
        </message>
        <message>
            <source>No matrix page</source>
            <translation>Keine Matrixseite</translation>
        </message>
        <message>
            <source>Matrix page: customer view</source>
            <translation>Matrixseite: Sicht der Kunden</translation>
        </message>
        <message>
            <source>Matrix page: internal view</source>
            <translation>Matrixseite: interne Sicht</translation>
        </message>
        <message>
            <source>Matrix page: internal to customer</source>
            <translation>Matrixseite: intern zu Kunden</translation>
        </message>
        <message>
            <source>Importance-versus-performance matrix page</source>
            <translation>Matrixseite Wichtigkeit gegen Leistung</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exportieren</translation>
        </message>
        <message>
            <source>Fit to the page</source>
            <translation>Auf die Seite einpassen</translation>
        </message>
        <message>
            <source>Poster</source>
            <translation>Poster</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Papier</translation>
        </message>
        <message>
            <source>Orientation</source>
            <translation>Ausrichtung</translation>
        </message>
        <message>
            <source>Scale</source>
            <translation>Maßstab</translation>
        </message>
        <message>
            <source>Margin</source>
            <translation>Rand</translation>
        </message>
        <message>
            <source>Bleed</source>
            <translation>Beschnittzugabe</translation>
        </message>
        <message>
            <source>Poster size</source>
            <translation>Postergröße</translation>
        </message>
        <message>
            <source>Sheets</source>
            <translation>Blätter</translation>
        </message>
        <message>
            <source>all (or e.g. R3C2,R1C3-R4C3: row, column)</source>
            <translation>alle (oder z. B. R3C2,R1C3-R4C3: Reihe, Spalte)</translation>
        </message>
        <message>
            <source>Tiled print</source>
            <translation>Kachelausdruck</translation>
        </message>
        <message>
            <source>Sheet paper</source>
            <translation>Blattformat</translation>
        </message>
        <message>
            <source>Sheet orientation</source>
            <translation>Blattausrichtung</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Overlap</source>
            <translation>Überlappung</translation>
        </message>
        <message>
            <source>Printer margin</source>
            <translation>Druckerrand</translation>
        </message>
        <message>
            <source>Print sheets</source>
            <translation>Zu druckende Blätter</translation>
        </message>
        <message>
            <source>Also print the sheets that would be empty</source>
            <translation>Auch die Blätter drucken, die leer blieben</translation>
        </message>
        <message>
            <source>Persona panels</source>
            <translation>Persona-Steckbriefe</translation>
        </message>
        <message>
            <source>Legend</source>
            <translation>Legende</translation>
        </message>
        <message>
            <source>Card notes</source>
            <translation>Kartennotizen</translation>
        </message>
        <message>
            <source>Blank workshop wall (headers and empty cells only)</source>
            <translation>Leere Workshop-Wand (nur Köpfe und leere Zellen)</translation>
        </message>
        <message>
            <source>Content</source>
            <translation>Inhalt</translation>
        </message>
        <message>
            <source>Fit for distance</source>
            <translation>Für den Abstand skalieren</translation>
        </message>
        <message>
            <source>Viewing distance</source>
            <translation>Betrachtungsabstand</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>Auflösung</translation>
        </message>
        <message>
            <source>Width</source>
            <translation>Breite</translation>
        </message>
        <message>
            <source>Transparent background</source>
            <translation>Transparenter Hintergrund</translation>
        </message>
        <message>
            <source>Whole map</source>
            <translation>Ganze Map</translation>
        </message>
        <message>
            <source>Selected cards ({n})</source>
            <translation>Ausgewählte Karten ({n})</translation>
        </message>
        <message>
            <source>Picture</source>
            <translation>Bild</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message numerus="yes">
            <source>%n sheet(s) + assembly guide</source>
            <translation>
                <numerusform>%n Blatt + Montageanleitung</numerusform>
                <numerusform>%n Blätter + Montageanleitung</numerusform>
            </translation>
        </message>
        <message>
            <source>1 page</source>
            <translation>1 Seite</translation>
        </message>
        <message>
            <source>{size} ({mp} MP) at {dpi} dpi</source>
            <translation>{size} ({mp} MP) bei {dpi} dpi</translation>
        </message>
        <message>
            <source>{size}, text as text</source>
            <translation>{size}, Text bleibt Text</translation>
        </message>
        <message>
            <source>the map fills {share} % of the area</source>
            <translation>die Karte füllt {share} % der Fläche</translation>
        </message>
        <message>
            <source>{n} of {total} {paper} sheets ({cols} x {rows}, {orientation}) + assembly guide; poster {w} x {h} mm at {scale} %</source>
            <translation>{n} von {total} Blättern {paper} ({cols} x {rows}, {orientation}) + Montageanleitung; Poster {w} x {h} mm bei {scale} %</translation>
        </message>
        <message>
            <source>1 page: {paper} {orientation}, poster {w} x {h} mm at {scale} %</source>
            <translation>1 Seite: {paper} {orientation}, Poster {w} x {h} mm bei {scale} %</translation>
        </message>
        <message>
            <source>Replace a journey map?</source>
            <translation>Eine Journey Map ersetzen?</translation>
        </message>
        <message>
            <source>“{name}” is a journey map. Replace it with the {format} export?</source>
            <translation>„{name}“ ist eine Journey Map. Durch den {format}-Export ersetzen?</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Export fehlgeschlagen</translation>
        </message>
        <message>
            <source>The map it replaced is kept as {name}.</source>
            <translation>Die ersetzte Map bleibt als {name} erhalten.</translation>
        </message>
        <message>
            <source>Export: missing characters</source>
            <translation>Export: fehlende Zeichen</translation>
        </message>
    </context>
    <context>
        <name>Find</name>
        <message>
            <source>Find cards (title, text, tags, owner, channel)</source>
            <translation>Karten suchen (Titel, Text, Schlagwörter, Verantwortliche, Kanal)</translation>
        </message>
        <message>
            <source>Previous match (Shift+Enter, Shift+F3)</source>
            <translation>Vorheriger Treffer (Umschalt+Eingabe, Umschalt+F3)</translation>
        </message>
        <message>
            <source>Next match (Enter, F3)</source>
            <translation>Nächster Treffer (Eingabe, F3)</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>Schließen (Esc)</translation>
        </message>
        <message>
            <source>Find:</source>
            <translation>Suchen:</translation>
        </message>
        <message>
            <source>No matches</source>
            <translation>Keine Treffer</translation>
        </message>
        <message>
            <source>{n} of {total}</source>
            <translation>{n} von {total}</translation>
        </message>
    </context>
    <context>
        <name>Flows</name>
        <message>
            <source>Flows of the map</source>
            <translation>Abläufe der Map</translation>
        </message>
        <message>
            <source>Find Path</source>
            <translation>Pfad suchen</translation>
        </message>
        <message>
            <source>Path between two cards</source>
            <translation>Pfad zwischen zwei Karten</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Nach</translation>
        </message>
        <message>
            <source>Path from card</source>
            <translation>Pfad von Karte</translation>
        </message>
        <message>
            <source>Path to card</source>
            <translation>Pfad zu Karte</translation>
        </message>
        <message>
            <source>Path Between Selected Cards</source>
            <translation>Pfad zwischen gewählten Karten</translation>
        </message>
        <message>
            <source>Select two cards on the map (Ctrl+click), then find the path</source>
            <translation>Wählen Sie zwei Karten in der Map (Strg+Klick), dann suchen Sie den Pfad</translation>
        </message>
        <message>
            <source>(untitled card)</source>
            <translation>(Karte ohne Titel)</translation>
        </message>
        <message>
            <source>(no owner)</source>
            <translation>(ohne Verantwortliche)</translation>
        </message>
        <message>
            <source>Hand-offs ({n})</source>
            <translation>Übergaben ({n})</translation>
        </message>
        <message>
            <source>(unnamed stage)</source>
            <translation>(unbenannte Phase)</translation>
        </message>
        <message>
            <source>Stages no link reaches ({n})</source>
            <translation>Phasen ohne Verknüpfung ({n})</translation>
        </message>
        <message>
            <source>Orphans: no link ({n})</source>
            <translation>Verwaiste Karten: ohne Verknüpfung ({n})</translation>
        </message>
        <message>
            <source>Left out, it closes a cycle: {source} → {target}</source>
            <translation>Ausgelassen, schließt einen Kreis: {source} → {target}</translation>
        </message>
        <message>
            <source>Longest flow ({n} cards)</source>
            <translation>Längster Ablauf ({n} Karten)</translation>
        </message>
        <message>
            <source>Choose two cards.</source>
            <translation>Wählen Sie zwei Karten.</translation>
        </message>
        <message>
            <source>No links join these two cards.</source>
            <translation>Keine Verknüpfungen verbinden diese beiden Karten.</translation>
        </message>
        <message>
            <source>{n} cards along the links.</source>
            <translation>{n} Karten entlang der Verknüpfungen.</translation>
        </message>
        <message>
            <source>{n} cards, partly against the links' direction.</source>
            <translation>{n} Karten, teils gegen die Richtung der Verknüpfungen.</translation>
        </message>
    </context>
    <context>
        <name>Headers</name>
        <message>
            <source>Resize stage</source>
            <translation>Phasenbreite ändern</translation>
        </message>
        <message>
            <source>Resize lane</source>
            <translation>Ebenenhöhe ändern</translation>
        </message>
        <message>
            <source>Rename stage</source>
            <translation>Phase umbenennen</translation>
        </message>
        <message>
            <source>Rename lane</source>
            <translation>Ebene umbenennen</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <source>Command</source>
            <translation>Befehl</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Tasten</translation>
        </message>
        <message>
            <source>Journey Map Studio: User Guide</source>
            <translation>Journey Map Studio: Benutzerhandbuch</translation>
        </message>
        <message>
            <source>User guide</source>
            <translation>Benutzerhandbuch</translation>
        </message>
        <message>
            <source>The guide could not be read: {file}: {error}</source>
            <translation>Das Handbuch kann nicht gelesen werden: {file}: {error}</translation>
        </message>
    </context>
    <context>
        <name>InlineEditor</name>
        <message>
            <source>Enter: done · Ctrl+Enter in the body · Esc: cancel</source>
            <translation>Eingabe: fertig · Strg+Eingabe im Text · Esc: abbrechen</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>Card title</source>
            <translation>Kartentitel</translation>
        </message>
        <message>
            <source>Card body</source>
            <translation>Kartentext</translation>
        </message>
        <message>
            <source>Edit card text</source>
            <translation>Kartentext bearbeiten</translation>
        </message>
    </context>
    <context>
        <name>Inspector</name>
        <message>
            <source>(several values)</source>
            <translation>(mehrere Werte)</translation>
        </message>
        <message>
            <source>tag, another tag</source>
            <translation>Schlagwort, weiteres Schlagwort</translation>
        </message>
        <message>
            <source>map</source>
            <translation>Map</translation>
        </message>
        <message>
            <source>persona</source>
            <translation>Persona</translation>
        </message>
        <message>
            <source>stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>lane</source>
            <translation>Ebene</translation>
        </message>
        <message>
            <source>card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <source>curve</source>
            <translation>Kurve</translation>
        </message>
        <message>
            <source>curve point</source>
            <translation>Kurvenpunkt</translation>
        </message>
        <message>
            <source>link</source>
            <translation>Verknüpfung</translation>
        </message>
        <message>
            <source>metric</source>
            <translation>Kennzahl</translation>
        </message>
        <message numerus="yes">
            <source>%n map(s)</source>
            <translation>
                <numerusform>%n Map</numerusform>
                <numerusform>%n Maps</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n persona(s)</source>
            <translation>
                <numerusform>%n Persona</numerusform>
                <numerusform>%n Personas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n stage(s)</source>
            <translation>
                <numerusform>%n Phase</numerusform>
                <numerusform>%n Phasen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n lane(s)</source>
            <translation>
                <numerusform>%n Ebene</numerusform>
                <numerusform>%n Ebenen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n card(s)</source>
            <translation>
                <numerusform>%n Karte</numerusform>
                <numerusform>%n Karten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n curve(s)</source>
            <translation>
                <numerusform>%n Kurve</numerusform>
                <numerusform>%n Kurven</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n curve point(s)</source>
            <translation>
                <numerusform>%n Kurvenpunkt</numerusform>
                <numerusform>%n Kurvenpunkte</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n link(s)</source>
            <translation>
                <numerusform>%n Verknüpfung</numerusform>
                <numerusform>%n Verknüpfungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n metric(s)</source>
            <translation>
                <numerusform>%n Kennzahl</numerusform>
                <numerusform>%n Kennzahlen</numerusform>
            </translation>
        </message>
        <message>
            <source>Purchase / onboarding</source>
            <translation>Kauf / Einstieg</translation>
        </message>
        <message>
            <source>Use</source>
            <translation>Nutzung</translation>
        </message>
        <message>
            <source>After-sales / support</source>
            <translation>After-Sales / Support</translation>
        </message>
        <message>
            <source>Renewal</source>
            <translation>Verlängerung</translation>
        </message>
        <message>
            <source>Custom</source>
            <translation>Eigene</translation>
        </message>
        <message>
            <source>Flow</source>
            <translation>Ablauf</translation>
        </message>
        <message>
            <source>Hand-off</source>
            <translation>Übergabe</translation>
        </message>
        <message>
            <source>Dependency</source>
            <translation>Abhängigkeit</translation>
        </message>
        <message>
            <source>(unnamed persona)</source>
            <translation>(Persona ohne Namen)</translation>
        </message>
        <message>
            <source>(no persona)</source>
            <translation>(keine Persona)</translation>
        </message>
        <message>
            <source>(unnamed stage)</source>
            <translation>(Phase ohne Namen)</translation>
        </message>
        <message>
            <source>(not anchored)</source>
            <translation>(nicht verankert)</translation>
        </message>
        <message>
            <source>(untitled card)</source>
            <translation>(Karte ohne Titel)</translation>
        </message>
        <message>
            <source>(untitled)</source>
            <translation>(ohne Titel)</translation>
        </message>
        <message>
            <source>(unnamed curve)</source>
            <translation>(Kurve ohne Namen)</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>Goal / scope</source>
            <translation>Ziel / Umfang</translation>
        </message>
        <message>
            <source>Journey type</source>
            <translation>Journey-Typ</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Ort</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Verantwortlich</translation>
        </message>
        <message>
            <source>Personas</source>
            <translation>Personas</translation>
        </message>
        <message>
            <source>Moment of truth</source>
            <translation>Moment of Truth</translation>
        </message>
        <message>
            <source>Pain point</source>
            <translation>Pain Point</translation>
        </message>
        <message>
            <source>Importance (internal)</source>
            <translation>Wichtigkeit (intern)</translation>
        </message>
        <message>
            <source>Performance (internal)</source>
            <translation>Leistung (intern)</translation>
        </message>
        <message>
            <source>Importance (customers)</source>
            <translation>Wichtigkeit (Kunden)</translation>
        </message>
        <message>
            <source>Performance (customers)</source>
            <translation>Leistung (Kunden)</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Schlagwörter</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Farbe</translation>
        </message>
        <message>
            <source>Kind colour</source>
            <translation>Farbe der Art</translation>
        </message>
        <message>
            <source>Votes</source>
            <translation>Stimmen</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Beschreibung</translation>
        </message>
        <message>
            <source>Width</source>
            <translation>Breite</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>Höhe</translation>
        </message>
        <message>
            <source>Hidden</source>
            <translation>Ausgeblendet</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Alter</translation>
        </message>
        <message>
            <source>Role / career</source>
            <translation>Rolle / Beruf</translation>
        </message>
        <message>
            <source>Family</source>
            <translation>Familie</translation>
        </message>
        <message>
            <source>Segment</source>
            <translation>Segment</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Region</translation>
        </message>
        <message>
            <source>Goals and ambitions</source>
            <translation>Ziele und Ambitionen</translation>
        </message>
        <message>
            <source>Interests</source>
            <translation>Interessen</translation>
        </message>
        <message>
            <source>Habits</source>
            <translation>Gewohnheiten</translation>
        </message>
        <message>
            <source>Tech familiarity</source>
            <translation>Technikaffinität</translation>
        </message>
        <message>
            <source>Needs</source>
            <translation>Bedürfnisse</translation>
        </message>
        <message>
            <source>Frustrations</source>
            <translation>Frustrationen</translation>
        </message>
        <message>
            <source>Quote</source>
            <translation>Zitat</translation>
        </message>
        <message>
            <source>Persona</source>
            <translation>Persona</translation>
        </message>
        <message>
            <source>Perspective</source>
            <translation>Perspektive</translation>
        </message>
        <message>
            <source>Persona colour</source>
            <translation>Farbe der Persona</translation>
        </message>
        <message>
            <source>Visible</source>
            <translation>Sichtbar</translation>
        </message>
        <message>
            <source>Curve</source>
            <translation>Kurve</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>Position in stage</source>
            <translation>Position in der Phase</translation>
        </message>
        <message>
            <source>Feeling</source>
            <translation>Gefühl</translation>
        </message>
        <message>
            <source>Anchored to card</source>
            <translation>An Karte verankert</translation>
        </message>
        <message>
            <source>Joins</source>
            <translation>Verbindet</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Beschriftung</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Zielwert</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Einheit</translation>
        </message>
        <message>
            <source>Edit {entity} {field}</source>
            <translation>{entity}: {Field} bearbeiten</translation>
        </message>
        <message>
            <source>Edit {field} of {items}</source>
            <translation>{Field} von {items} bearbeiten</translation>
        </message>
        <message>
            <source>Map</source>
            <translation>Map</translation>
        </message>
        <message>
            <source>{items} (of {total} selected items)</source>
            <translation>{items} (von {total} ausgewählten Elementen)</translation>
        </message>
        <message>
            <source>The file is not a PNG or JPEG image.</source>
            <translation>Die Datei ist kein PNG- oder JPEG-Bild.</translation>
        </message>
        <message>
            <source>The image cannot be read ({error}).</source>
            <translation>Das Bild kann nicht gelesen werden ({error}).</translation>
        </message>
        <message>
            <source>The image cannot be converted.</source>
            <translation>Das Bild kann nicht umgewandelt werden.</translation>
        </message>
        <message>
            <source>The photo is still larger than {size} MB.</source>
            <translation>Das Foto ist immer noch größer als {size} MB.</translation>
        </message>
        <message>
            <source>Choose photo…</source>
            <translation>Foto wählen…</translation>
        </message>
        <message>
            <source>Remove photo</source>
            <translation>Foto entfernen</translation>
        </message>
        <message>
            <source>Choose photo</source>
            <translation>Foto wählen</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation>Bilder (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>No photo</source>
            <translation>Kein Foto</translation>
        </message>
        <message>
            <source>Rate {n} of {max}</source>
            <translation>Mit {n} von {max} bewerten</translation>
        </message>
        <message>
            <source>Clear the rating</source>
            <translation>Bewertung entfernen</translation>
        </message>
        <message>
            <source>Automatic</source>
            <translation>Automatisch</translation>
        </message>
        <message>
            <source>No colour of its own</source>
            <translation>Keine eigene Farbe</translation>
        </message>
        <message>
            <source>Choose a colour</source>
            <translation>Farbe wählen</translation>
        </message>
    </context>
    <context>
        <name>Legend</name>
        <message>
            <source>No persona</source>
            <translation>Keine Persona</translation>
        </message>
        <message>
            <source>No emotion curve yet: click in the feelings lane to start one.</source>
            <translation>Noch keine Emotionskurve: Klicken Sie in die Ebene „Gefühle“, um eine zu beginnen.</translation>
        </message>
        <message>
            <source>Persona of the new curve</source>
            <translation>Persona der neuen Kurve</translation>
        </message>
        <message>
            <source>Perspective of the new curve</source>
            <translation>Perspektive der neuen Kurve</translation>
        </message>
        <message>
            <source>Add curve</source>
            <translation>Kurve hinzufügen</translation>
        </message>
        <message>
            <source>Add a curve for this persona and perspective</source>
            <translation>Eine Kurve für diese Persona und Perspektive hinzufügen</translation>
        </message>
        <message>
            <source>Active: new points go to this curve</source>
            <translation>Aktiv: Neue Punkte kommen auf diese Kurve</translation>
        </message>
        <message>
            <source>Visible</source>
            <translation>Sichtbar</translation>
        </message>
        <message>
            <source>Not shown in this perspective (View &gt; Perspective)</source>
            <translation>In dieser Perspektive nicht gezeigt (Ansicht &gt; Perspektive)</translation>
        </message>
        <message>
            <source>Show curve</source>
            <translation>Kurve einblenden</translation>
        </message>
        <message>
            <source>Hide curve</source>
            <translation>Kurve ausblenden</translation>
        </message>
    </context>
    <context>
        <name>Links</name>
        <message>
            <source>Drag to another card to link them</source>
            <translation>Auf eine andere Karte ziehen, um beide zu verknüpfen</translation>
        </message>
        <message>
            <source>Delete Link</source>
            <translation>Verknüpfung löschen</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>About {app}</source>
            <translation>Über {app}</translation>
        </message>
        <message>
            <source>A desktop editor for customer journey maps: stages, typed lanes, touchpoint cards, emotion curves, personas and links, saved as JSON and printed as vector PDF posters.</source>
            <translation>Ein Desktop-Editor für Customer Journey Maps: Phasen, typisierte Ebenen, Touchpoint-Karten, Emotionskurven, Personas und Verknüpfungen, gespeichert als JSON und gedruckt als Vektor-PDF-Poster.</translation>
        </message>
    </context>
    <context>
        <name>Menus</name>
        <message>
            <source>&amp;Theme</source>
            <translation>&amp;Design</translation>
        </message>
        <message>
            <source>Follow &amp;System</source>
            <translation>&amp;System folgen</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>&amp;Hell</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>&amp;Dunkel</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;New…</source>
            <translation>&amp;Neu…</translation>
        </message>
        <message>
            <source>New map from a template</source>
            <translation>Neue Map aus einer Vorlage</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>Ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>Open a map</source>
            <translation>Eine Map öffnen</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>&amp;Zuletzt geöffnet</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Save the map</source>
            <translation>Die Map speichern</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>Speichern &amp;unter…</translation>
        </message>
        <message>
            <source>Re&amp;vert to Saved</source>
            <translation>Gespeicherte &amp;Version wiederherstellen</translation>
        </message>
        <message>
            <source>Co&amp;mpare With…</source>
            <translation>Ver&amp;gleichen mit…</translation>
        </message>
        <message>
            <source>Show what changed since another version: a file, the last saved version or a git revision</source>
            <translation>Zeigen, was sich seit einer anderen Version geändert hat: eine Datei, die zuletzt gespeicherte Version oder eine Git-Revision</translation>
        </message>
        <message>
            <source>&amp;Import as New Map…</source>
            <translation>Als neue Map &amp;importieren…</translation>
        </message>
        <message>
            <source>Open a CSV sheet, Mermaid journey or JSON Canvas as a new map</source>
            <translation>Eine CSV-Tabelle, eine Mermaid-Journey oder ein JSON Canvas als neue Map öffnen</translation>
        </message>
        <message>
            <source>Import in&amp;to This Map…</source>
            <translation>In diese Map impor&amp;tieren…</translation>
        </message>
        <message>
            <source>Add a CSV sheet, Mermaid journey or JSON Canvas to this map (one undo step)</source>
            <translation>Eine CSV-Tabelle, eine Mermaid-Journey oder ein JSON Canvas zu dieser Map hinzufügen (ein Rückgängig-Schritt)</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>&amp;Exportieren…</translation>
        </message>
        <message>
            <source>PDF poster, tiled print, PNG or SVG</source>
            <translation>PDF-Poster, Kachelausdruck, PNG oder SVG</translation>
        </message>
        <message>
            <source>Export &amp;Data…</source>
            <translation>&amp;Daten exportieren…</translation>
        </message>
        <message>
            <source>CSV spreadsheet, Mermaid journey or JSON Canvas</source>
            <translation>CSV-Tabelle, Mermaid-Journey oder JSON Canvas</translation>
        </message>
        <message>
            <source>&amp;Host Workshop Room…</source>
            <translation>&amp;Workshop-Raum bereitstellen…</translation>
        </message>
        <message>
            <source>Share this map live with editors and phones on the room's network</source>
            <translation>Diese Map live mit Editoren und Telefonen im Netzwerk des Raums teilen</translation>
        </message>
        <message>
            <source>&amp;Join Room…</source>
            <translation>R&amp;aum beitreten…</translation>
        </message>
        <message>
            <source>Open a map another editor is hosting</source>
            <translation>Eine Map öffnen, die ein anderer Editor bereitstellt</translation>
        </message>
        <message>
            <source>&amp;Leave Room</source>
            <translation>Raum ver&amp;lassen</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Rückgängig</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Wiederholen</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Ausschneiden</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Einfügen</translation>
        </message>
        <message>
            <source>D&amp;uplicate</source>
            <translation>D&amp;uplizieren</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>&amp;Edit Card Text</source>
            <translation>Karten&amp;text bearbeiten</translation>
        </message>
        <message>
            <source>Select &amp;All Cards</source>
            <translation>Alle Karten &amp;markieren</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Suchen…</translation>
        </message>
        <message>
            <source>Find cards</source>
            <translation>Karten suchen</translation>
        </message>
        <message>
            <source>Find &amp;Next</source>
            <translation>&amp;Nächster Treffer</translation>
        </message>
        <message>
            <source>Find Pre&amp;vious</source>
            <translation>&amp;Vorheriger Treffer</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>Zoom &amp;In</source>
            <translation>&amp;Vergrößern</translation>
        </message>
        <message>
            <source>Zoom &amp;Out</source>
            <translation>Ver&amp;kleinern</translation>
        </message>
        <message>
            <source>&amp;Fit Map</source>
            <translation>Map &amp;einpassen</translation>
        </message>
        <message>
            <source>Show the whole map</source>
            <translation>Die ganze Map zeigen</translation>
        </message>
        <message>
            <source>&amp;Actual Size (100 %)</source>
            <translation>&amp;Originalgröße (100 %)</translation>
        </message>
        <message>
            <source>Fit &amp;Selection</source>
            <translation>Au&amp;swahl einpassen</translation>
        </message>
        <message>
            <source>Zoom to the selected cards</source>
            <translation>Auf die ausgewählten Karten zoomen</translation>
        </message>
        <message>
            <source>F&amp;ocus on Map</source>
            <translation>Nur &amp;Map zeigen</translation>
        </message>
        <message>
            <source>Hide every panel and the toolbar; again to bring them back</source>
            <translation>Alle Fenster und die Werkzeugleiste ausblenden; noch einmal, um sie zurückzuholen</translation>
        </message>
        <message>
            <source>O&amp;verview</source>
            <translation>Ü&amp;bersicht</translation>
        </message>
        <message>
            <source>A picture of the whole map in the corner while it does not fit: click or drag in it to go there</source>
            <translation>Ein Bild der ganzen Map in der Ecke, solange sie nicht hineinpasst: Klicken oder Ziehen springt dorthin</translation>
        </message>
        <message>
            <source>&amp;Insert</source>
            <translation>&amp;Einfügen</translation>
        </message>
        <message>
            <source>&amp;Card</source>
            <translation>&amp;Karte</translation>
        </message>
        <message>
            <source>New card in the selected cell</source>
            <translation>Neue Karte in der gewählten Zelle</translation>
        </message>
        <message>
            <source>&amp;Stage</source>
            <translation>&amp;Phase</translation>
        </message>
        <message>
            <source>Add a stage after the selected one</source>
            <translation>Eine Phase nach der gewählten hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Lane</source>
            <translation>&amp;Ebene</translation>
        </message>
        <message>
            <source>Add a lane below the selected one</source>
            <translation>Eine Ebene unter der gewählten hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Persona</source>
            <translation>Pe&amp;rsona</translation>
        </message>
        <message>
            <source>New persona</source>
            <translation>Neue Persona</translation>
        </message>
        <message>
            <source>Emotion C&amp;urve</source>
            <translation>Emotionsk&amp;urve</translation>
        </message>
        <message>
            <source>New emotion curve</source>
            <translation>Neue Emotionskurve</translation>
        </message>
        <message>
            <source>Lin&amp;k From This Card…</source>
            <translation>&amp;Verknüpfung von dieser Karte…</translation>
        </message>
        <message>
            <source>Link the current card to another: go there with the arrow keys, Enter links, Esc cancels</source>
            <translation>Die aktuelle Karte mit einer anderen verknüpfen: mit den Pfeiltasten hingehen, Eingabe verknüpft, Esc bricht ab</translation>
        </message>
        <message>
            <source>Curve Poi&amp;nt</source>
            <translation>Kurvenpunk&amp;t</translation>
        </message>
        <message>
            <source>A point on the active curve at the current stage: arrow keys move it</source>
            <translation>Ein Punkt auf der aktiven Kurve in der aktuellen Phase: Pfeiltasten verschieben ihn</translation>
        </message>
        <message>
            <source>&amp;Map</source>
            <translation>&amp;Map</translation>
        </message>
        <message>
            <source>&amp;Rename Stage…</source>
            <translation>Phase &amp;umbenennen…</translation>
        </message>
        <message>
            <source>Insert Stage &amp;Before</source>
            <translation>Phase &amp;davor einfügen</translation>
        </message>
        <message>
            <source>Insert Stage &amp;After</source>
            <translation>Phase d&amp;anach einfügen</translation>
        </message>
        <message>
            <source>&amp;Delete Stage</source>
            <translation>Phase &amp;löschen</translation>
        </message>
        <message>
            <source>Re&amp;name Lane…</source>
            <translation>Ebene u&amp;mbenennen…</translation>
        </message>
        <message>
            <source>Insert Lane B&amp;efore</source>
            <translation>Ebene dar&amp;über einfügen</translation>
        </message>
        <message>
            <source>Insert Lane A&amp;fter</source>
            <translation>Ebene darunter ei&amp;nfügen</translation>
        </message>
        <message>
            <source>De&amp;lete Lane</source>
            <translation>Ebene lösc&amp;hen</translation>
        </message>
        <message>
            <source>&amp;Hide / Show Lane</source>
            <translation>Ebene aus-/ein&amp;blenden</translation>
        </message>
        <message>
            <source>Lane &amp;Type</source>
            <translation>Ebenen&amp;typ</translation>
        </message>
        <message>
            <source>Stage &amp;Metrics…</source>
            <translation>Phasen-&amp;Kennzahlen…</translation>
        </message>
        <message>
            <source>Add, edit and remove the metrics of the selected stage (NPS, CSAT and others)</source>
            <translation>Kennzahlen der gewählten Phase hinzufügen, bearbeiten und entfernen (NPS, CSAT und andere)</translation>
        </message>
        <message>
            <source>Map &amp;Properties…</source>
            <translation>Map-&amp;Eigenschaften…</translation>
        </message>
        <message>
            <source>Edit the map's title, goal and type</source>
            <translation>Titel, Ziel und Typ der Map bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Workshop</source>
            <translation>&amp;Workshop</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>&amp;User Guide</source>
            <translation>&amp;Benutzerhandbuch</translation>
        </message>
        <message>
            <source>Getting started, the workshop flow, printing a wall, keyboard shortcuts</source>
            <translation>Erste Schritte, Workshop-Ablauf, eine Wand drucken, Tastenkürzel</translation>
        </message>
        <message>
            <source>&amp;About Journey Map Studio</source>
            <translation>&amp;Info zu Journey Map Studio</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Hauptwerkzeugleiste</translation>
        </message>
        <message>
            <source>&amp;Toolbar</source>
            <translation>&amp;Werkzeugleiste</translation>
        </message>
        <message>
            <source>&amp;Clear Recent Files</source>
            <translation>&amp;Liste leeren</translation>
        </message>
        <message>
            <source>Pe&amp;rspective</source>
            <translation>Perspek&amp;tive</translation>
        </message>
        <message>
            <source>&amp;Customer</source>
            <translation>&amp;Kunde</translation>
        </message>
        <message>
            <source>&amp;Internal</source>
            <translation>&amp;Intern</translation>
        </message>
        <message>
            <source>&amp;Both</source>
            <translation>&amp;Beide</translation>
        </message>
        <message>
            <source>The ratings and emotion curves as customers report them</source>
            <translation>Bewertungen und Emotionskurven, wie Kunden sie angeben</translation>
        </message>
        <message>
            <source>The ratings and emotion curves as the internal team assumes them</source>
            <translation>Bewertungen und Emotionskurven, wie das interne Team sie annimmt</translation>
        </message>
        <message>
            <source>Both perspectives: ratings 2 or more points apart and curves 2 or more points apart are marked</source>
            <translation>Beide Perspektiven: Bewertungen und Kurven, die 2 oder mehr Punkte auseinanderliegen, sind markiert</translation>
        </message>
    </context>
    <context>
        <name>Metrics</name>
        <message>
            <source>NPS (net promoter score, -100 to 100)</source>
            <extracomment>The kinds offered by Add…: (label, name, unit). "Other" leaves the name to the user.</extracomment>
            <translation>NPS (Net Promoter Score, -100 bis 100)</translation>
        </message>
        <message>
            <source>CSAT (customer satisfaction, 1 to 5)</source>
            <translation>CSAT (Kundenzufriedenheit, 1 bis 5)</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Andere</translation>
        </message>
        <message>
            <source>(unnamed metric)</source>
            <translation>(unbenannte Kennzahl)</translation>
        </message>
        <message>
            <source>{name}: {value}</source>
            <translation>{name}: {value}</translation>
        </message>
        <message>
            <source>{name}: {value} (target {target})</source>
            <translation>{name}: {value} (Ziel {target})</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>not measured</source>
            <translation>nicht gemessen</translation>
        </message>
        <message>
            <source>no target</source>
            <translation>kein Zielwert</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Zielwert</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Einheit</translation>
        </message>
        <message>
            <source>Give the metric a name.</source>
            <translation>Geben Sie der Kennzahl einen Namen.</translation>
        </message>
        <message>
            <source>Value and target are numbers, or empty.</source>
            <translation>Wert und Zielwert sind Zahlen oder leer.</translation>
        </message>
        <message>
            <source>Metrics</source>
            <translation>Kennzahlen</translation>
        </message>
        <message>
            <source>Metrics of the stage</source>
            <translation>Kennzahlen der Phase</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Hinzufügen…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Add metric “{name}”</source>
            <translation>Kennzahl „{name}“ hinzufügen</translation>
        </message>
        <message>
            <source>Add Metric</source>
            <translation>Kennzahl hinzufügen</translation>
        </message>
        <message>
            <source>Edit metric “{name}”</source>
            <translation>Kennzahl „{name}“ bearbeiten</translation>
        </message>
        <message>
            <source>Edit Metric</source>
            <translation>Kennzahl bearbeiten</translation>
        </message>
        <message>
            <source>Remove metric “{name}”</source>
            <translation>Kennzahl „{name}“ entfernen</translation>
        </message>
    </context>
    <context>
        <name>Outline</name>
        <message>
            <source>Rename stage</source>
            <translation>Phase umbenennen</translation>
        </message>
        <message>
            <source>Rename lane</source>
            <translation>Ebene umbenennen</translation>
        </message>
        <message>
            <source>Move stage</source>
            <translation>Phase verschieben</translation>
        </message>
        <message>
            <source>Move lane</source>
            <translation>Ebene verschieben</translation>
        </message>
        <message>
            <source>Add stage</source>
            <translation>Phase hinzufügen</translation>
        </message>
        <message>
            <source>Add lane</source>
            <translation>Ebene hinzufügen</translation>
        </message>
        <message>
            <source>Insert stage before</source>
            <translation>Phase davor einfügen</translation>
        </message>
        <message>
            <source>Insert lane before</source>
            <translation>Ebene darüber einfügen</translation>
        </message>
        <message>
            <source>+ before</source>
            <translation>+ davor</translation>
        </message>
        <message>
            <source>Insert stage after</source>
            <translation>Phase danach einfügen</translation>
        </message>
        <message>
            <source>Insert lane after</source>
            <translation>Ebene darunter einfügen</translation>
        </message>
        <message>
            <source>+ after</source>
            <translation>+ danach</translation>
        </message>
        <message>
            <source>Move stage up</source>
            <translation>Phase nach vorn verschieben</translation>
        </message>
        <message>
            <source>Move lane up</source>
            <translation>Ebene nach oben verschieben</translation>
        </message>
        <message>
            <source>Move stage down</source>
            <translation>Phase nach hinten verschieben</translation>
        </message>
        <message>
            <source>Move lane down</source>
            <translation>Ebene nach unten verschieben</translation>
        </message>
        <message>
            <source>Delete stage</source>
            <translation>Phase löschen</translation>
        </message>
        <message>
            <source>Delete lane</source>
            <translation>Ebene löschen</translation>
        </message>
        <message>
            <source>Stages</source>
            <translation>Phasen</translation>
        </message>
        <message>
            <source>Lanes</source>
            <translation>Ebenen</translation>
        </message>
        <message>
            <source>{type} (hidden) · check to show, uncheck to hide</source>
            <translation>{type} (ausgeblendet) · Haken setzen zum Einblenden, entfernen zum Ausblenden</translation>
        </message>
        <message>
            <source>{type} · check to show, uncheck to hide</source>
            <translation>{type} · Haken setzen zum Einblenden, entfernen zum Ausblenden</translation>
        </message>
        <message>
            <source>Hide lane</source>
            <translation>Ebene ausblenden</translation>
        </message>
        <message>
            <source>Show lane</source>
            <translation>Ebene einblenden</translation>
        </message>
        <message>
            <source>New stage</source>
            <translation>Neue Phase</translation>
        </message>
        <message>
            <source>New lane</source>
            <translation>Neue Ebene</translation>
        </message>
        <message>
            <source>Edit lane type</source>
            <translation>Ebenentyp ändern</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
    </context>
    <context>
        <name>Overview</name>
        <message>
            <source>The whole map: click or drag to go there (View &gt; Overview hides it)</source>
            <translation>Die ganze Map: Klicken oder Ziehen springt dorthin (Ansicht &gt; Übersicht blendet sie aus)</translation>
        </message>
    </context>
    <context>
        <name>Personas</name>
        <message>
            <source>New</source>
            <translation>Neu</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Duplizieren</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>Add a persona</source>
            <translation>Eine Persona hinzufügen</translation>
        </message>
        <message>
            <source>Add a copy of the chosen persona</source>
            <translation>Eine Kopie der gewählten Persona hinzufügen</translation>
        </message>
        <message>
            <source>Delete the chosen persona (cards forget it, its curves stay)</source>
            <translation>Die gewählte Persona löschen (Karten vergessen sie, ihre Kurven bleiben)</translation>
        </message>
        <message>
            <source>No persona chosen.</source>
            <translation>Keine Persona gewählt.</translation>
        </message>
        <message>
            <source>(unnamed persona)</source>
            <translation>(Persona ohne Namen)</translation>
        </message>
        <message>
            <source>New persona</source>
            <translation>Neue Persona</translation>
        </message>
        <message>
            <source>Duplicate persona</source>
            <translation>Persona duplizieren</translation>
        </message>
    </context>
    <context>
        <name>Perspective</name>
        <message>
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <source>Internal</source>
            <translation>Intern</translation>
        </message>
        <message>
            <source>Both</source>
            <translation>Beide</translation>
        </message>
        <message>
            <source>Perspective: {name}</source>
            <translation>Perspektive: {name}</translation>
        </message>
    </context>
    <context>
        <name>Prompts</name>
        <message>
            <source>Journey maps (*.journey.json);;JSON files (*.json);;All files (*)</source>
            <translation>Journey Maps (*.journey.json);;JSON-Dateien (*.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Save the changes to {name}?</source>
            <translation>Änderungen an {name} speichern?</translation>
        </message>
        <message>
            <source>Your changes will be lost if you don't save them.</source>
            <translation>Ihre Änderungen gehen verloren, wenn Sie sie nicht speichern.</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>&amp;Don't Save</source>
            <translation>&amp;Nicht speichern</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>{name} is open in another Journey Map Studio window ({owner}).</source>
            <translation>{name} ist in einem anderen Fenster von Journey Map Studio geöffnet ({owner}).</translation>
        </message>
        <message>
            <source>{name} is open in another Journey Map Studio window.</source>
            <translation>{name} ist in einem anderen Fenster von Journey Map Studio geöffnet.</translation>
        </message>
        <message>
            <source>Open it read-only, or open a copy that you can save under a new name?</source>
            <translation>Schreibgeschützt öffnen oder eine Kopie öffnen, die Sie unter neuem Namen speichern können?</translation>
        </message>
        <message>
            <source>Open &amp;Read-Only</source>
            <translation>&amp;Schreibgeschützt öffnen</translation>
        </message>
        <message>
            <source>Open a &amp;Copy</source>
            <translation>&amp;Kopie öffnen</translation>
        </message>
        <message>
            <source>{name} was changed by another program since you opened it.</source>
            <translation>{name} wurde seit dem Öffnen von einem anderen Programm geändert.</translation>
        </message>
        <message>
            <source>Reload it (your changes here are lost), overwrite it with your version, or save your version under a new name?</source>
            <translation>Neu laden (Ihre Änderungen hier gehen verloren), mit Ihrer Version überschreiben oder Ihre Version unter neuem Namen speichern?</translation>
        </message>
        <message>
            <source>&amp;Reload</source>
            <translation>&amp;Neu laden</translation>
        </message>
        <message>
            <source>&amp;Overwrite</source>
            <translation>Ü&amp;berschreiben</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>Speichern &amp;unter…</translation>
        </message>
        <message>
            <source>Revert {name} to the version saved on disk?</source>
            <translation>{name} auf die gespeicherte Version zurücksetzen?</translation>
        </message>
        <message>
            <source>Your unsaved changes will be lost.</source>
            <translation>Ihre ungespeicherten Änderungen gehen verloren.</translation>
        </message>
        <message>
            <source>&amp;Revert</source>
            <translation>&amp;Zurücksetzen</translation>
        </message>
        <message>
            <source>{name} already exists in {folder}.</source>
            <translation>{name} gibt es in {folder} schon.</translation>
        </message>
        <message>
            <source>Replace it? The old file is kept as a .bak copy.</source>
            <translation>Ersetzen? Die alte Datei bleibt als .bak-Kopie erhalten.</translation>
        </message>
        <message>
            <source>&amp;Replace</source>
            <translation>&amp;Ersetzen</translation>
        </message>
        <message>
            <source>Journey Map Studio found unsaved work from a session that ended unexpectedly:</source>
            <translation>Journey Map Studio hat ungespeicherte Arbeit aus einer unerwartet beendeten Sitzung gefunden:</translation>
        </message>
        <message>
            <source>The recovered copy cannot be read: {problem}</source>
            <translation>Die wiederhergestellte Kopie kann nicht gelesen werden: {problem}</translation>
        </message>
        <message>
            <source>&amp;Restore</source>
            <translation>&amp;Wiederherstellen</translation>
        </message>
        <message>
            <source>&amp;Discard…</source>
            <translation>&amp;Verwerfen…</translation>
        </message>
        <message>
            <source>&amp;Later</source>
            <translation>&amp;Später</translation>
        </message>
        <message>
            <source>Discard the recovered work on {what}?</source>
            <translation>Die wiederhergestellte Arbeit an {what} verwerfen?</translation>
        </message>
        <message>
            <source>This cannot be undone.</source>
            <translation>Das kann nicht rückgängig gemacht werden.</translation>
        </message>
        <message>
            <source>&amp;Discard</source>
            <translation>&amp;Verwerfen</translation>
        </message>
        <message>
            <source>Open map</source>
            <translation>Map öffnen</translation>
        </message>
        <message>
            <source>Save map as</source>
            <translation>Map speichern unter</translation>
        </message>
    </context>
    <context>
        <name>QuickCapture</name>
        <message>
            <source>Enter: next card · Tab: next cell · Esc: stop</source>
            <translation>Enter: nächste Karte · Tab: nächste Zelle · Esc: beenden</translation>
        </message>
    </context>
    <context>
        <name>Recovery</name>
        <message>
            <source>never saved to a file</source>
            <translation>nie in eine Datei gespeichert</translation>
        </message>
        <message>
            <source>Untitled</source>
            <translation>Unbenannt</translation>
        </message>
        <message>
            <source>“{title}” ({where}), autosaved {time}</source>
            <translation>„{title}“ ({where}), automatisch gesichert {time}</translation>
        </message>
        <message>
            <source>“{title}” ({where})</source>
            <translation>„{title}“ ({where})</translation>
        </message>
    </context>
    <context>
        <name>Room</name>
        <message>
            <source>Room: connecting…</source>
            <translation>Raum: verbinde…</translation>
        </message>
        <message>
            <source>Room: connected</source>
            <translation>Raum: verbunden</translation>
        </message>
        <message>
            <source>Room: reconnecting…</source>
            <translation>Raum: verbinde erneut…</translation>
        </message>
        <message>
            <source>Room: offline (your edits merge when the room is back)</source>
            <translation>Raum: offline (Ihre Änderungen werden zusammengeführt, sobald der Raum zurück ist)</translation>
        </message>
        <message>
            <source>Room: disconnected</source>
            <translation>Raum: getrennt</translation>
        </message>
        <message>
            <source>Join Room</source>
            <translation>Raum beitreten</translation>
        </message>
        <message>
            <source>The room's address, as the host shows it (http://…/?key=…):</source>
            <translation>Die Adresse des Raums, wie der Gastgeber sie zeigt (http://…/?key=…):</translation>
        </message>
        <message>
            <source>Your name, as others see it:</source>
            <translation>Ihr Name, wie andere ihn sehen:</translation>
        </message>
        <message>
            <source>You are in this room already.</source>
            <translation>Sie sind bereits in diesem Raum.</translation>
        </message>
        <message>
            <source>Host Workshop Room</source>
            <translation>Workshop-Raum bereitstellen</translation>
        </message>
        <message>
            <source>The room saves the map to its file. Save the map first?</source>
            <translation>Der Raum speichert die Map in ihrer Datei. Map zuerst speichern?</translation>
        </message>
        <message>
            <source>Everyone on this network (the room's Wi-Fi)</source>
            <translation>Alle in diesem Netzwerk (das WLAN des Raums)</translation>
        </message>
        <message>
            <source>Only this computer (to try it out)</source>
            <translation>Nur dieser Computer (zum Ausprobieren)</translation>
        </message>
        <message>
            <source>Who can join:</source>
            <translation>Wer beitreten kann:</translation>
        </message>
        <message>
            <source>Room closed; the map is saved in {path}</source>
            <translation>Raum geschlossen; die Map ist in {path} gespeichert</translation>
        </message>
        <message>
            <source>Cannot serve on {address}: {reason}</source>
            <translation>Bereitstellen auf {address} nicht möglich: {reason}</translation>
        </message>
        <message>
            <source>Workshop Room</source>
            <translation>Workshop-Raum</translation>
        </message>
        <message>
            <source>Participants scan the code or open the address on their phones; other editors use File &gt; Join Room… with the same address.</source>
            <translation>Teilnehmende scannen den Code oder öffnen die Adresse auf ihrem Telefon; andere Editoren nutzen Datei &gt; Raum beitreten… mit derselben Adresse.</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>Served on: {addresses}</source>
            <translation>Bereitgestellt auf: {addresses}</translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>Autosave failed ({reason}). Save your work to keep it.</source>
            <translation>Automatisches Sichern fehlgeschlagen ({reason}). Speichern Sie Ihre Arbeit, um sie zu behalten.</translation>
        </message>
        <message>
            <source>Autosave works again.</source>
            <translation>Automatisches Sichern funktioniert wieder.</translation>
        </message>
        <message>
            <source>Could not remove the recovery copy {file}: {error}</source>
            <translation>Die Wiederherstellungskopie {file} konnte nicht entfernt werden: {error}</translation>
        </message>
        <message>
            <source>The recovered copy of “{title}” cannot be read: {error}</source>
            <translation>Die wiederhergestellte Kopie von „{title}“ kann nicht gelesen werden: {error}</translation>
        </message>
        <message>
            <source>Untitled</source>
            <translation>Unbenannt</translation>
        </message>
        <message>
            <source>It is kept in {folder}.</source>
            <translation>Sie bleibt in {folder} erhalten.</translation>
        </message>
        <message>
            <source>The recovered copy of “{title}” is being restored in another window.</source>
            <translation>Die wiederhergestellte Kopie von „{title}“ wird gerade in einem anderen Fenster wiederhergestellt.</translation>
        </message>
        <message>
            <source>Restored the unsaved work on {name} from {time} as a copy ({file} is open in another window).</source>
            <translation>Die ungespeicherte Arbeit an {name} vom {time} als Kopie wiederhergestellt ({file} ist in einem anderen Fenster geöffnet).</translation>
        </message>
        <message>
            <source>Restored the unsaved work on {name} as a copy ({file} is open in another window).</source>
            <translation>Die ungespeicherte Arbeit an {name} als Kopie wiederhergestellt ({file} ist in einem anderen Fenster geöffnet).</translation>
        </message>
        <message>
            <source>Restored the unsaved work on {name} from {time}.</source>
            <translation>Die ungespeicherte Arbeit an {name} vom {time} wiederhergestellt.</translation>
        </message>
        <message>
            <source>Restored the unsaved work on {name}.</source>
            <translation>Die ungespeicherte Arbeit an {name} wiederhergestellt.</translation>
        </message>
        <message>
            <source>Save it to keep it.</source>
            <translation>Speichern Sie sie, um sie zu behalten.</translation>
        </message>
        <message>
            <source>Your map is still open here, with all your changes.</source>
            <translation>Ihre Map bleibt hier mit allen Änderungen geöffnet.</translation>
        </message>
        <message>
            <source>Copy of {name}</source>
            <translation>Kopie von {name}</translation>
        </message>
        <message>
            <source>Room: {name}</source>
            <translation>Raum: {name}</translation>
        </message>
        <message>
            <source>{name} (read-only)</source>
            <translation>{name} (schreibgeschützt)</translation>
        </message>
        <message>
            <source>{name} is already open.</source>
            <translation>{name} ist bereits geöffnet.</translation>
        </message>
        <message>
            <source>The map shown now stays open.</source>
            <translation>Die angezeigte Map bleibt geöffnet.</translation>
        </message>
        <message>
            <source>Opened a copy of {name}; it is not saved yet.</source>
            <translation>Eine Kopie von {name} geöffnet; sie ist noch nicht gespeichert.</translation>
        </message>
        <message>
            <source>Opened {name} read-only.</source>
            <translation>{name} schreibgeschützt geöffnet.</translation>
        </message>
        <message>
            <source>Opened {name}.</source>
            <translation>{name} geöffnet.</translation>
        </message>
        <message>
            <source>Reloaded {name} as another program saved it.</source>
            <translation>{name} neu geladen, wie ein anderes Programm die Datei gespeichert hat.</translation>
        </message>
        <message>
            <source>No changes to save.</source>
            <translation>Keine Änderungen zu speichern.</translation>
        </message>
        <message>
            <source>{name} is still open in another Journey Map Studio window.</source>
            <translation>{name} ist noch in einem anderen Fenster von Journey Map Studio geöffnet.</translation>
        </message>
        <message>
            <source>Choose another name to save your version.</source>
            <translation>Wählen Sie einen anderen Namen, um Ihre Version zu speichern.</translation>
        </message>
        <message>
            <source>{path} is open in another Journey Map Studio window ({owner}).</source>
            <translation>{path} ist in einem anderen Fenster von Journey Map Studio geöffnet ({owner}).</translation>
        </message>
        <message>
            <source>{path} is open in another Journey Map Studio window.</source>
            <translation>{path} ist in einem anderen Fenster von Journey Map Studio geöffnet.</translation>
        </message>
        <message>
            <source>Choose another name, or close it there first.</source>
            <translation>Wählen Sie einen anderen Namen oder schließen Sie die Datei dort zuerst.</translation>
        </message>
        <message>
            <source>{path}: cannot save: {error}</source>
            <translation>{path}: Speichern nicht möglich: {error}</translation>
        </message>
        <message>
            <source>The file on disk was not changed.</source>
            <translation>Die Datei auf dem Datenträger wurde nicht verändert.</translation>
        </message>
        <message>
            <source>Try Save As to save it elsewhere.</source>
            <translation>Mit „Speichern unter“ können Sie sie anderswo speichern.</translation>
        </message>
        <message>
            <source>Saved {name}.</source>
            <translation>{name} gespeichert.</translation>
        </message>
        <message>
            <source>This map has not been saved yet: there is no saved version to go back to.</source>
            <translation>Diese Map wurde noch nicht gespeichert: Es gibt keine gespeicherte Version, zu der man zurückkehren kann.</translation>
        </message>
        <message>
            <source>Reverted to the saved version of {name}.</source>
            <translation>Auf die gespeicherte Version von {name} zurückgesetzt.</translation>
        </message>
        <message>
            <source>The map shown here is unchanged.</source>
            <translation>Die hier angezeigte Map ist unverändert.</translation>
        </message>
        <message>
            <source>{name} was moved or deleted by another program. Save to write it again.</source>
            <translation>{name} wurde von einem anderen Programm verschoben oder gelöscht. Speichern schreibt die Datei neu.</translation>
        </message>
        <message>
            <source>{name} was changed by another program. Your version stays here; you will be asked what to do when you save.</source>
            <translation>{name} wurde von einem anderen Programm geändert. Ihre Version bleibt hier; beim Speichern werden Sie gefragt, was geschehen soll.</translation>
        </message>
        <message>
            <source>{name} was changed by another program but cannot be read ({error}); keeping the version shown.</source>
            <translation>{name} wurde von einem anderen Programm geändert, kann aber nicht gelesen werden ({error}); die angezeigte Version bleibt.</translation>
        </message>
        <message>
            <source>{name} was changed by another program and has been reloaded.</source>
            <translation>{name} wurde von einem anderen Programm geändert und neu geladen.</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message numerus="yes">
            <source>%n stage(s)</source>
            <translation>
                <numerusform>%n Phase</numerusform>
                <numerusform>%n Phasen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n lane(s)</source>
            <translation>
                <numerusform>%n Ebene</numerusform>
                <numerusform>%n Ebenen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n card(s)</source>
            <translation>
                <numerusform>%n Karte</numerusform>
                <numerusform>%n Karten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n link(s)</source>
            <translation>
                <numerusform>%n Verknüpfung</numerusform>
                <numerusform>%n Verknüpfungen</numerusform>
            </translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>Schreibgeschützt</translation>
        </message>
        <message>
            <source>Saved by the room's host</source>
            <translation>Vom Gastgeber des Raums gespeichert</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>Noch nicht gespeichert</translation>
        </message>
        <message>
            <source>New map</source>
            <translation>Neue Map</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>Gespeichert</translation>
        </message>
        <message>
            <source>Autosaved {time}</source>
            <translation>Automatisch gesichert {time}</translation>
        </message>
        <message>
            <source>Modified</source>
            <translation>Geändert</translation>
        </message>
    </context>
    <context>
        <name>Structure</name>
        <message>
            <source>New stage</source>
            <translation>Neue Phase</translation>
        </message>
        <message>
            <source>New lane</source>
            <translation>Neue Ebene</translation>
        </message>
        <message>
            <source>Show lane</source>
            <translation>Ebene einblenden</translation>
        </message>
        <message>
            <source>Hide lane</source>
            <translation>Ebene ausblenden</translation>
        </message>
        <message>
            <source>Show hidden lanes</source>
            <translation>Ausgeblendete Ebenen einblenden</translation>
        </message>
        <message>
            <source>Change lane type</source>
            <translation>Ebenentyp ändern</translation>
        </message>
        <message>
            <source>Rename Stage</source>
            <translation>Phase umbenennen</translation>
        </message>
        <message>
            <source>Insert Stage Before</source>
            <translation>Phase davor einfügen</translation>
        </message>
        <message>
            <source>Insert Stage After</source>
            <translation>Phase danach einfügen</translation>
        </message>
        <message>
            <source>Delete Stage</source>
            <translation>Phase löschen</translation>
        </message>
        <message>
            <source>Rename Lane</source>
            <translation>Ebene umbenennen</translation>
        </message>
        <message>
            <source>Insert Lane Above</source>
            <translation>Ebene darüber einfügen</translation>
        </message>
        <message>
            <source>Insert Lane Below</source>
            <translation>Ebene darunter einfügen</translation>
        </message>
        <message>
            <source>Lane Type</source>
            <translation>Ebenentyp</translation>
        </message>
        <message>
            <source>Hide Lane</source>
            <translation>Ebene ausblenden</translation>
        </message>
        <message>
            <source>Show Hidden Lanes</source>
            <translation>Ausgeblendete Ebenen einblenden</translation>
        </message>
        <message>
            <source>Delete Lane</source>
            <translation>Ebene löschen</translation>
        </message>
    </context>
    <context>
        <name>Templates</name>
        <message>
            <source>New map</source>
            <translation>Neue Map</translation>
        </message>
        <message>
            <source>Blank map</source>
            <translation>Leere Map</translation>
        </message>
        <message>
            <source>An empty map: add stages and lanes yourself.</source>
            <translation>Eine leere Map: Phasen und Ebenen legen Sie selbst an.</translation>
        </message>
        <message>
            <source>The templates cannot be read: {error}</source>
            <translation>Die Vorlagen können nicht gelesen werden: {error}</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>Erstellen</translation>
        </message>
    </context>
    <context>
        <name>Terms</name>
        <message>
            <source>Customer actions</source>
            <translation>Kundenaktionen</translation>
        </message>
        <message>
            <source>Thoughts</source>
            <translation>Gedanken</translation>
        </message>
        <message>
            <source>Feelings</source>
            <translation>Gefühle</translation>
        </message>
        <message>
            <source>Touchpoints</source>
            <translation>Touchpoints</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Kanäle</translation>
        </message>
        <message>
            <source>On-stage actions</source>
            <translation>Sichtbare Aktionen (Vorderbühne)</translation>
        </message>
        <message>
            <source>Behind the scenes</source>
            <translation>Hinter den Kulissen</translation>
        </message>
        <message>
            <source>Support processes</source>
            <translation>Unterstützungsprozesse</translation>
        </message>
        <message>
            <source>Pain points</source>
            <translation>Pain Points</translation>
        </message>
        <message>
            <source>Opportunities</source>
            <translation>Chancen</translation>
        </message>
        <message>
            <source>Owners</source>
            <translation>Verantwortliche</translation>
        </message>
        <message>
            <source>Metrics</source>
            <translation>Kennzahlen</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>Touchpoint</source>
            <translation>Touchpoint</translation>
        </message>
        <message>
            <source>Customer action</source>
            <translation>Kundenaktion</translation>
        </message>
        <message>
            <source>Thought</source>
            <translation>Gedanke</translation>
        </message>
        <message>
            <source>Pain point</source>
            <translation>Pain Point</translation>
        </message>
        <message>
            <source>Opportunity</source>
            <translation>Chance</translation>
        </message>
        <message>
            <source>Process</source>
            <translation>Prozess</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Customer-reported</source>
            <translation>Von Kunden berichtet</translation>
        </message>
        <message>
            <source>Internal assumption</source>
            <translation>Interne Annahme</translation>
        </message>
        <message>
            <source>To-be</source>
            <translation>Soll-Zustand</translation>
        </message>
    </context>
    <context>
        <name>Undo</name>
        <message>
            <source>{command} refused: {reason}</source>
            <translation>{command} abgelehnt: {reason}</translation>
        </message>
    </context>
    <context>
        <name>Vote</name>
        <message>
            <source>{lane} ({kind})</source>
            <translation>{lane} ({kind})</translation>
        </message>
        <message>
            <source>Open Vote</source>
            <translation>Abstimmung öffnen</translation>
        </message>
        <message>
            <source>All cards</source>
            <translation>Alle Karten</translation>
        </message>
        <message>
            <source>&amp;Hide the counts until the vote closes</source>
            <translation>Ergebnisse bis zum Ende der Abstimmung &amp;verbergen</translation>
        </message>
        <message>
            <source>One name per line</source>
            <translation>Ein Name pro Zeile</translation>
        </message>
        <message>
            <source>&amp;Vote on:</source>
            <translation>&amp;Abstimmen über:</translation>
        </message>
        <message>
            <source>&amp;Dots per person:</source>
            <translation>&amp;Punkte pro Person:</translation>
        </message>
        <message>
            <source>&amp;Personas voting:</source>
            <translation>P&amp;ersonas, die abstimmen:</translation>
        </message>
        <message>
            <source>&amp;Names of other voters:</source>
            <translation>&amp;Namen weiterer Abstimmender:</translation>
        </message>
        <message>
            <source>&amp;Open Vote</source>
            <translation>Abstimmung ö&amp;ffnen</translation>
        </message>
        <message>
            <source>{n} cards take part.</source>
            <translation>{n} Karten nehmen teil.</translation>
        </message>
        <message>
            <source>{n} of them hold votes of an earlier vote: closing this vote replaces them.</source>
            <translation>{n} davon haben Stimmen aus einer früheren Abstimmung: das Ende dieser Abstimmung ersetzt sie.</translation>
        </message>
        <message>
            <source>Name at least one voter: tick a persona or type a name.</source>
            <translation>Mindestens eine abstimmende Person nennen: eine Persona ankreuzen oder einen Namen eingeben.</translation>
        </message>
        <message>
            <source>At most {n} voters can take part.</source>
            <translation>Höchstens {n} Personen können abstimmen.</translation>
        </message>
        <message>
            <source>A voter's name is at most {n} characters long.</source>
            <translation>Der Name einer abstimmenden Person ist höchstens {n} Zeichen lang.</translation>
        </message>
        <message>
            <source>“{name}” is named twice: each voter once.</source>
            <translation>„{name}“ ist doppelt genannt: jede Person nur einmal.</translation>
        </message>
        <message>
            <source>No card takes part: choose a lane with cards.</source>
            <translation>Keine Karte nimmt teil: eine Zeile mit Karten wählen.</translation>
        </message>
        <message>
            <source>Who votes now</source>
            <translation>Wer jetzt abstimmt</translation>
        </message>
        <message>
            <source>Next Voter</source>
            <translation>Nächste Person</translation>
        </message>
        <message>
            <source>Cards ranked by their dots</source>
            <translation>Karten nach ihren Punkten geordnet</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <source>Dots</source>
            <translation>Punkte</translation>
        </message>
        <message>
            <source>Voters</source>
            <translation>Abstimmende</translation>
        </message>
        <message>
            <source>Close Vote</source>
            <translation>Abstimmung beenden</translation>
        </message>
        <message>
            <source>Write each card's dots into its votes and end the vote</source>
            <translation>Die Punkte jeder Karte in ihre Stimmen schreiben und die Abstimmung beenden</translation>
        </message>
        <message>
            <source>Open Vote…</source>
            <translation>Abstimmung öffnen…</translation>
        </message>
        <message>
            <source>Result of the last vote:</source>
            <translation>Ergebnis der letzten Abstimmung:</translation>
        </message>
        <message>
            <source>No vote is open.</source>
            <translation>Keine Abstimmung ist offen.</translation>
        </message>
        <message>
            <source>{voter} ({left} of {budget} left)</source>
            <translation>{voter} ({left} von {budget} übrig)</translation>
        </message>
        <message>
            <source>{n} more cards with as many dots or fewer are not listed.</source>
            <translation>{n} weitere Karten mit gleich vielen oder weniger Punkten sind nicht aufgeführt.</translation>
        </message>
        <message>
            <source>all cards</source>
            <translation>alle Karten</translation>
        </message>
        <message>
            <source>a lane that no longer exists</source>
            <translation>eine Zeile, die es nicht mehr gibt</translation>
        </message>
        <message>
            <source>Vote on {scope}: {budget} dots per person.</source>
            <translation>Abstimmung über {scope}: {budget} Punkte pro Person.</translation>
        </message>
        <message>
            <source>The counts are hidden until the vote closes.</source>
            <translation>Die Ergebnisse bleiben bis zum Ende der Abstimmung verborgen.</translation>
        </message>
        <message>
            <source>(card without text)</source>
            <translation>(Karte ohne Text)</translation>
        </message>
        <message>
            <source>Every voter has used every dot: close the vote to keep the result.</source>
            <translation>Alle haben alle Punkte vergeben: die Abstimmung beenden, um das Ergebnis zu behalten.</translation>
        </message>
        <message>
            <source>{voter} votes now: {left} of {budget} dots left.</source>
            <translation>{voter} stimmt jetzt ab: {left} von {budget} Punkten übrig.</translation>
        </message>
        <message>
            <source>{voter}: {left} of {budget} dots left.</source>
            <translation>{voter}: {left} von {budget} Punkten übrig.</translation>
        </message>
        <message>
            <source>{voter} has used every dot: on to the next voter.</source>
            <translation>{voter} hat alle Punkte vergeben: weiter mit der nächsten Person.</translation>
        </message>
        <message>
            <source>Select a card to give it a dot.</source>
            <translation>Eine Karte auswählen, um ihr einen Punkt zu geben.</translation>
        </message>
        <message>
            <source>No vote is open: Workshop &gt; Open Vote… starts one.</source>
            <translation>Keine Abstimmung ist offen: Workshop &gt; Abstimmung öffnen… startet eine.</translation>
        </message>
        <message>
            <source>That card no longer exists.</source>
            <translation>Diese Karte gibt es nicht mehr.</translation>
        </message>
        <message>
            <source>This card is not part of the vote: its lane no longer exists.</source>
            <translation>Diese Karte gehört nicht zur Abstimmung: ihre Zeile gibt es nicht mehr.</translation>
        </message>
        <message>
            <source>This card is not part of the vote: the vote is on the lane “{lane}”.</source>
            <translation>Diese Karte gehört nicht zur Abstimmung: abgestimmt wird über die Zeile „{lane}“.</translation>
        </message>
        <message>
            <source>Choose who votes first (Workshop &gt; Next Voter).</source>
            <translation>Zuerst wählen, wer abstimmt (Workshop &gt; Nächste Person).</translation>
        </message>
        <message>
            <source>{voter} has used all {budget} dots: choose the next voter, or undo a dot to place it again.</source>
            <translation>{voter} hat alle {budget} Punkte vergeben: die nächste Person wählen oder einen Punkt rückgängig machen, um ihn neu zu setzen.</translation>
        </message>
        <message>
            <source>A vote is open already: close it before opening another.</source>
            <translation>Eine Abstimmung ist bereits offen: erst beenden, dann eine neue öffnen.</translation>
        </message>
        <message>
            <source>The vote is open: {voter} votes first, clicking cards.</source>
            <translation>Die Abstimmung ist offen: {voter} stimmt zuerst ab, durch Klicks auf Karten.</translation>
        </message>
        <message>
            <source>The vote is closed: the cards keep their dots.</source>
            <translation>Die Abstimmung ist beendet: die Karten behalten ihre Punkte.</translation>
        </message>
        <message>
            <source>The vote is discarded: no card changed (Undo brings it back).</source>
            <translation>Die Abstimmung ist verworfen: keine Karte hat sich geändert (Rückgängig holt sie zurück).</translation>
        </message>
    </context>
    <context>
        <name>Welcome</name>
        <message>
            <source>Journey Map Studio</source>
            <translation>Journey Map Studio</translation>
        </message>
        <message>
            <source>Start a new map from a template, open a map, or look at the example.</source>
            <translation>Beginnen Sie eine neue Map aus einer Vorlage, öffnen Sie eine Map oder sehen Sie sich das Beispiel an.</translation>
        </message>
        <message>
            <source>Templates</source>
            <translation>Vorlagen</translation>
        </message>
        <message>
            <source>Blank map</source>
            <translation>Leere Map</translation>
        </message>
        <message>
            <source>An empty map: add stages and lanes yourself.</source>
            <translation>Eine leere Map: Phasen und Ebenen legen Sie selbst an.</translation>
        </message>
        <message>
            <source>The templates cannot be read: {error}</source>
            <translation>Die Vorlagen können nicht gelesen werden: {error}</translation>
        </message>
        <message>
            <source>&amp;Create Map</source>
            <translation>Map &amp;erstellen</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>Ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>Open the &amp;Example</source>
            <translation>&amp;Beispiel öffnen</translation>
        </message>
        <message>
            <source>A finished map of a B2B laptop fleet, opened as an untitled copy</source>
            <translation>Eine fertige Map einer B2B-Laptopflotte, geöffnet als unbenannte Kopie</translation>
        </message>
        <message>
            <source>Recent files</source>
            <translation>Zuletzt geöffnete Dateien</translation>
        </message>
        <message>
            <source>No recent maps yet.</source>
            <translation>Noch keine zuletzt geöffneten Maps.</translation>
        </message>
        <message>
            <source>New map</source>
            <translation>Neue Map</translation>
        </message>
        <message>
            <source>Recent maps</source>
            <translation>Zuletzt geöffnet</translation>
        </message>
    </context>
    <context>
        <name>Workshop</name>
        <message>
            <source>&amp;Present</source>
            <translation>&amp;Präsentieren</translation>
        </message>
        <message>
            <source>The map full screen, stage by stage: arrow keys or Page Up/Down step, Esc ends</source>
            <translation>Die Map im Vollbild, Phase für Phase: Pfeiltasten oder Bild auf/ab blättern, Esc beendet</translation>
        </message>
        <message>
            <source>Present on Seco&amp;nd Screen</source>
            <translation>Auf &amp;zweitem Bildschirm präsentieren</translation>
        </message>
        <message>
            <source>The presentation on the second screen, the editor stays on this one (with one screen: F5)</source>
            <translation>Die Präsentation auf dem zweiten Bildschirm, der Editor bleibt auf diesem (mit einem Bildschirm: wie F5)</translation>
        </message>
        <message>
            <source>Set &amp;Timer…</source>
            <translation>&amp;Timer stellen…</translation>
        </message>
        <message>
            <source>How many minutes the timer counts down</source>
            <translation>Wie viele Minuten der Timer herunterzählt</translation>
        </message>
        <message>
            <source>&amp;Start / Pause Timer</source>
            <translation>Timer &amp;starten / anhalten</translation>
        </message>
        <message>
            <source>Start the countdown, pause it, or go on (T while presenting)</source>
            <translation>Den Countdown starten, anhalten oder fortsetzen (T während der Präsentation)</translation>
        </message>
        <message>
            <source>&amp;Reset Timer</source>
            <translation>Timer zu&amp;rücksetzen</translation>
        </message>
        <message>
            <source>Back to the full time, stopped (R while presenting)</source>
            <translation>Zurück auf die volle Zeit, angehalten (R während der Präsentation)</translation>
        </message>
        <message>
            <source>&amp;Chime at the End</source>
            <translation>&amp;Gong am Ende</translation>
        </message>
        <message>
            <source>The system's alert sound when the time is up (the timer flashes either way)</source>
            <translation>Der Warnton des Systems, wenn die Zeit um ist (der Timer blinkt in jedem Fall)</translation>
        </message>
        <message>
            <source>Open &amp;Vote…</source>
            <translation>&amp;Abstimmung öffnen…</translation>
        </message>
        <message>
            <source>Dot voting on all cards or one lane's cards: a budget of dots per person</source>
            <translation>Punkteabstimmung über alle Karten oder die Karten einer Zeile: ein Kontingent an Punkten pro Person</translation>
        </message>
        <message>
            <source>Give the Selected Card a &amp;Dot</source>
            <translation>Ausgewählter Karte einen P&amp;unkt geben</translation>
        </message>
        <message>
            <source>One dot of the current voter on the selected card (clicking a card does the same)</source>
            <translation>Ein Punkt der abstimmenden Person auf die ausgewählte Karte (ein Klick auf eine Karte tut dasselbe)</translation>
        </message>
        <message>
            <source>Ne&amp;xt Voter</source>
            <translation>&amp;Nächste Person</translation>
        </message>
        <message>
            <source>The next person's turn to vote</source>
            <translation>Die nächste Person ist mit Abstimmen an der Reihe</translation>
        </message>
        <message>
            <source>C&amp;lose Vote</source>
            <translation>Abstimmung &amp;beenden</translation>
        </message>
        <message>
            <source>Write each card's dots into its votes and end the vote</source>
            <translation>Die Punkte jeder Karte in ihre Stimmen schreiben und die Abstimmung beenden</translation>
        </message>
        <message>
            <source>D&amp;iscard Vote</source>
            <translation>Abstimmung &amp;verwerfen</translation>
        </message>
        <message>
            <source>End the vote without changing the cards' votes</source>
            <translation>Die Abstimmung beenden, ohne die Stimmen der Karten zu ändern</translation>
        </message>
        <message>
            <source>Open or start a map to present it</source>
            <translation>Öffnen oder beginnen Sie eine Map, um sie zu präsentieren</translation>
        </message>
        <message>
            <source>Presenting on {screen}: Esc in the presentation ends it</source>
            <translation>Präsentation auf {screen}: Esc in der Präsentation beendet sie</translation>
        </message>
        <message numerus="yes">
            <source>The whole map: %n stage(s)</source>
            <translation>
                <numerusform>Die ganze Map: %n Phase</numerusform>
                <numerusform>Die ganze Map: %n Phasen</numerusform>
            </translation>
        </message>
        <message>
            <source>Stage {n} of {count}</source>
            <translation>Phase {n} von {count}</translation>
        </message>
        <message>
            <source>Stage {n} of {count}, part {page} of {pages}</source>
            <translation>Phase {n} von {count}, Teil {page} von {pages}</translation>
        </message>
        <message>
            <source>Presentation</source>
            <translation>Präsentation</translation>
        </message>
        <message>
            <source>Time is up</source>
            <translation>Die Zeit ist um</translation>
        </message>
        <message>
            <source>Timer {time}</source>
            <translation>Timer {time}</translation>
        </message>
        <message>
            <source>Timer {time} (paused)</source>
            <translation>Timer {time} (angehalten)</translation>
        </message>
        <message>
            <source>Timer</source>
            <translation>Timer</translation>
        </message>
        <message>
            <source>Minutes:</source>
            <translation>Minuten:</translation>
        </message>
    </context>
</TS>
