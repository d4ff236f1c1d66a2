# ops: ("me", line) the same for the line that is exactly line;
#      ("m", prefix) merge the candidate line that starts with prefix with the next one;
#      ("s", prefix, at) split the line that starts with prefix before `at`
OPS = {
 ("dev","en-irc"): [("m","Knghtbrd: Hey, perl")],
 ("dev","de-irc"): [("m","jjFux: Fällt Opera")],
 ("dev","pl-irc"): [("s",";)))","konsola"),("m","Taken19 tak"),("m","mteg nie...")],
 ("dev","ru-fort"): [("m","-- А."),("m","-- Ф."),("m","-- Д."),("m","Когда круглый дурак")],
 ("dev","cs-fort"): [("m","Není třeba pouze"),("m","-- T."),("m","-- E.")],
 ("dev","bg-fort"): [("m","..."),("m","Безплодни са")],
 ("dev","uk-man"): [("m","9."),("m","Авторами програми є Paul Rubin"),("m","Для встановлення зв'язку"),("m","Ним є або типовий")],
 ("dev","mk-man"): [],
 ("dev","sr-man"): [("m","Написали су Пол Рубин, Дејвид")],
 ("dev","fr-man"): [],
 ("dev","be-mix"): [("m","Дакумент павінен")],
 ("heldout","en-irc"): [("m","and ends up following"),("m","If you walk through"),("s","There are worse things","ASP comes")],
 ("heldout","de-irc"): [("m","Jeder Plural"),("m","Bei \"/exec"),("m","o O ( .."),("m","* Alfie ."),("m","* Alfie .")],
 ("heldout","pl-irc"): [("m","robicie to CVSem")],
 ("heldout","ru-fort"): [("m","У художника открылось"),("m","В спорах рождается"),("m","-- У.")],
 ("heldout","cs-fort"): [("m","- oceňování"),("m","(str."),("m","-- T."),("m","-- T.")],
 ("heldout","bg-fort"): [("m","Това, което сме били")],
}
# The fortune and be-mix sets were drawn again once (the split by the CRC-32
# of a fortune's own text, not of its joined lines) before any rule ran on
# them: the entries below replace those above for them.
OPS.update({
 ("dev","ru-fort"): [("m","Главная \"заслуга\""),("m","-- Светоний"),("m","-- Т.")],
 ("dev","cs-fort"): [("m","(str."),("m","Pracovníci jsou takto"),("m","-- T."),("m","-- T."),("m","-- T.")],
 ("dev","bg-fort"): [("m","П."),("m","-- А.")],
 ("dev","be-mix"): [],
 ("heldout","ru-fort"): [("m","Дома и стены"),("m","-- С.")],
 ("heldout","cs-fort"): [("m","-- T."),("m","L."),("m","Zákon H."),("m","(str."),("m","(str."),("m","Vědomí, že problém"),("m","Pokrok, jehož")],
 ("heldout","bg-fort"): [("m","-- Петко Славейков")],
 ("heldout","be-mix"): [("m","ПРАГРАМА [URI"),("m","Пасля сімвала"),("m","[ПАРАМЕТР")],
 ("heldout","uk-man"): [], ("heldout","mk-man"): [], ("heldout","sr-man"): [], ("heldout","fr-man"): [],
})

# Corrections made after the first figures (2026-12-07, round 4), on dev and
# held-out alike: "9. ВАДИ" is one numbered heading (the first gold split it);
# a page reference in brackets after a sentence, "(str. 400)", goes with that
# sentence, as pisar's rule for a citation after a quotation has it (the
# first gold made it a segment of its own).

# ud-dev2: the second draw of the dev half (build.py), made and corrected
# after round 4's first rules, for more development text of the kinds where
# held-out sets were still below a peer (chat, Belarusian messages).
OPS.update({
 ("dev2","en-irc"): [("m","Get a floorplan")],
 ("dev2","be-mix"): [("s","Гэта НЕ УЗЬДЗЕЙНІЧАЕ","Глядзіце"),("m","Гэта вельмі добра падыходзіць да зьмяненьняў"),("m","Дакумент павінен")],
 ("dev2","pl-irc"): [("m","so_lame tpsa"),("m","mteg: to jeden z twoich")],
 ("dev2","de-irc"): [("m","das neue root kit")],
})

# ud-heldout2 (round 5): the second held-out draw of the eleven sets
# (`HELDOUT2=1 build.py`; mk-man has no page left, the Macedonian UDHR stands
# in as mk-udhr) and the Spanish and Italian Debian Reference (es-ref,
# it-ref), corrected by hand before any rule of round 5 was written.
# Conventions as above, and: an emoticon alone after a sentence goes with it
# (`cheetos? :)`); `Q.`/`A.` before a question and its answer are no
# sentence; a numbered section heading (`12.1. Los archivos`) is one segment;
# an interjection before an ellipsis goes on when the words after it belong
# to it (`no .. poco ?`), not when they start a thought of their own
# (`Hehe... ist auch für Journalisten gedacht...`).
_H2_ES = ["12.1.", "8.1.4.", "12.2.4.", "6.5.", "5.2.1.", "9.6.5.", "7.3."]
_H2_IT = ["3.1.4.", "5.1.4.", "9.1.5.", "2.5.11.", "4.1.", "6.3.3.", "10.3.6.", "9.7.4.", "2.7.1."]
OPS.update({
 ("heldout2","en-irc"): [("m","beat java into cappuccino!"),("m","Q."),("m","A."),("m","Mercury: that's not good right?"),("m","cheetos?")],
 ("heldout2","de-irc"): [("m","Du bist ..."),("m","Joey: aber ich will"),("s","* nobse ist auch buffy fan","* nobse laeuft")],
 ("heldout2","pl-irc"): [("m","lcamtuf skad"),("m","no .."),("m","no .. poco ?")],
 ("heldout2","ru-fort"): [("m","Возьмет..."),("m","Здесь русский дух..."),("m","Мы..."),("m","Windows..."),("m","Windows... windows..."),("m","Windows... windows... windows...")],
 ("heldout2","cs-fort"): [("m","-- T."),("m","Továrna 19."),("m","\"Moderní\" koncepce 20."),("m","(str."),("m","Výsledky přináší celý proces.")],
 ("heldout2","bg-fort"): [("m","-- Петко Р."),("m","-- бл.")],
 ("heldout2","uk-man"): [("m","В оболонці передбачено")],
 ("heldout2","sr-man"): [], ("heldout2","fr-man"): [], ("heldout2","be-mix"): [], ("heldout2","mk-udhr"): [],
 ("heldout2","es-ref"): [("m",h) for h in _H2_ES] + [("m","Haga que el usuario de escritorio, p."),("m","Haga que el usuario de escritorio, p. ej.")],
 ("heldout2","it-ref"): [("m",h) for h in _H2_IT],
})

# ud-dev3 (round 5): the third draw of the dev half for be-mix and bg-fort,
# the two ud-heldout2 sets where pisar stayed below a peer (their errors
# were not read): more development text of their kinds, corrected by hand
# before it was scored.
OPS.update({
 ("dev3","be-mix"): [("m","Калі ФАЙЛ не вызначаны"),("m","Zmicer Turok")],
 ("dev3","bg-fort"): [("m","-- Петко Р."),("m","Безплодни са")],
})
# and the dev half of the Debian Reference sets (es-ref, it-ref; mk-udhr's
# dev half is written too but has no gold yet), for the numbered headings
# and the abbreviations of Spanish and Italian running prose
OPS.update({
 ("dev3","es-ref"): [("m",h) for h in ["11.2.1.","9.7.5.","10.1.9.","9.6.8.","2.7.7.","6.1.2.","2.5.1.","2.4.4."]] + [("m","Los metadatos de archivos para cada")],
 ("dev3","it-ref"): [("m",h) for h in ["2.7.7.","9.5.7.","9.1.4.","10.1.","2.2.6.","9.5.1.","3.4."]],
})

# ud-heldout3 (round 6): the third held-out draw of the fortune, chat, man
# page and be-mix sets (`HELDOUT3=1 build.py`) and the next held-out items of
# es-ref, it-ref and mk-udhr (`HELDOUT3=1 HELDOUT2=1`), corrected by hand
# before any rule of round 6 was written. Conventions as above, and: an
# arrow typed after a question (`pool?  =>`) goes with it; a date written
# `30. 7. 1902` is one; `Див. також` (see also) goes on.
OPS.update({
 ("heldout3","en-irc"): [("m","is it a sign of mental illness"),("m","Say goodbye to the nineties")],
 ("heldout3","de-irc"): [("m","z.B.")],
 ("heldout3","pl-irc"): [],
 ("heldout3","ru-fort"): [("m","-- М."),("me","-- А."),("me","-- О.")],  # "me": the line is exactly this (round 7: "m" merged "-- О.Уайльд" and "-- А.М.Кашпировский" with the next fortune instead)
 ("heldout3","cs-fort"): [("m","-- T."),("m","-- T."),("m","-- \"Brannou"),("m","-- \"Brannou vítěznou\", Týdeník Tábor, 30. 7.")],
 ("heldout3","bg-fort"): [],
 ("heldout3","uk-man"): [("m","Див.")],
 ("heldout3","sr-man"): [], ("heldout3","fr-man"): [("m","Copyright (c) Ian F.")], ("heldout3","be-mix"): [], ("heldout3","mk-udhr"): [],
 ("heldout3","es-ref"): [("m",h) for h in ["9.4.7.","8.2.3.","1.3.2.","7.5.1.","9.10.1.","11.5.","9.8.3.","9.8.7."]]
   + [("m","También puede identificar procesos"),("m","También puede identificar procesos utilizando archivos mediante fuser(1), p. ej."),
      ("m","También puede identificar un proceso"),("m","También puede identificar un proceso por la utilización de sus conexiones (sockets) mediante fuser(1), p. ej.")],
 ("heldout3","it-ref"): [("m",h) for h in ["9.10.4.","9.6.10.","2.1.1.","3.8.1.","5.2.1.","10.3.4.","8.1.3.","8.2.2."]],
})
# Round 7: ud-heldout4 (build4.py OUT/ud-heldout4 UDHR_DIR, then
# apply.py OUT .. heldout4), corrected before any rule of round 7. Conventions
# as before: an initial inside a name is no boundary (`Richard M. Stallman`,
# `von Dr. Tobias Quathamer`), nor an abbreviation inside brackets (`(např.
# gzip)`); `pliku. jeśli go podano.` is one sentence (a man page's
# formatting put the full stop before its own subordinate clause).
OPS.update({
 ("heldout4","ru-man"): [],
 ("heldout4","pl-man"): [("m","Napisane przez Mike'a Parkera, Richarda M."),("m","Zaczyna edycję od odczytu pliku.")],
 ("heldout4","cs-man"): [("m","Komprese je všeobecně")],
 ("heldout4","de-man"): [("m","Die deutsche Übersetzung dieser Handbuchseite wurde von Dr.")],
 ("heldout4","es-man"): [("m","Escrito por Mike Parker, Richard M.")],
 ("heldout4","it-man"): [],
 ("heldout4","bg-udhr"): [],
 ("heldout4","sr-udhr"): [],
})
# Round 9: ud-heldout5 (build5.py OUT/ud-heldout5, then apply.py OUT ..
# heldout5), corrected before any rule of round 9. `GNU GPL 3. vagy újabb
# változata` is one sentence (the `3.` is an ordinal: "version 3 or
# later"); `(b.v. een band apparaat` goes on after the abbreviation; a
# sentence that a man page starts in lower case after a full stop (`worden.
# de omschrijving geeft`) is one of its own, as before.
OPS.update({
 ("heldout5","da-man"): [],
 ("heldout5","hu-man"): [("m","A licenc GPLv3+: a GNU GPL 3.")],
 ("heldout5","nl-man"): [("m","Als geen startpunt werd opgegeven"),("m","Het archief kan een normaal bestand")],
 ("heldout5","pt-man"): [],
 ("heldout5","ro-man"): [],
 ("heldout5","sv-man"): [],
})
