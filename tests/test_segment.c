/* test_segment.c -- sentence segmentation with pisar's own rules: a table of
 * {description, language, input, expected sentences}, each also checked for the
 * lossless property (the sentences and the whitespace between them give back the
 * input byte for byte). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pisar/pisar.h"
#include "segment_internal.h"
#include "utf8.h"

#define MAXS 12

typedef struct {
    const char *desc;
    const char *lang;
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *want[MAXS + 1];
} seg_case;

static const seg_case cases[] = {
    /* edge cases */
    {"empty", "ru", "", 0, {NULL}},
    {"whitespace only", "en", " \n\t\r\n  \n", 0, {NULL}},
    {"no final newline, no final stop", "en", "Hello world", 0, {"Hello world", NULL}},
    {"NUL inside a sentence", "en", "Nul\0here. Next one.", 19, {"Nul\0here.", "Next one.", NULL}},
    {"CRLF lines",
     "en",
     "One here.\r\nTwo there.\r\n\r\nThree.\r\n",
     0,
     {"One here.", "Two there.", "Three.", NULL}},
    {"a character of four bytes",
     "en",
     "Yes \xf0\x9f\x98\x80. No.",
     0,
     {"Yes \xf0\x9f\x98\x80.", "No.", NULL}},
    {"a lone terminator", "en", "?", 0, {"?", NULL}},
    {"leading ellipsis", "ru", "...и тогда он ушёл.", 0, {"...и тогда он ушёл.", NULL}},

    /* initials */
    {"ru initials",
     "ru",
     "В. В. Путин прибыл в Минск. Встреча прошла.",
     0,
     {"В. В. Путин прибыл в Минск.", "Встреча прошла.", NULL}},
    {"en initials",
     "en",
     "J. R. R. Tolkien wrote it. He died in 1973.",
     0,
     {"J. R. R. Tolkien wrote it.", "He died in 1973.", NULL}},
    {"initials without spaces",
     "en",
     "J.R.R. Tolkien wrote it.",
     0,
     {"J.R.R. Tolkien wrote it.", NULL}},
    {"two-letter initial",
     "ru",
     "Дж. Байден выступил. Потом ушёл.",
     0,
     {"Дж. Байден выступил.", "Потом ушёл.", NULL}},

    /* abbreviations before a capital */
    {"ru street, city, professor",
     "ru",
     "Он жил в г. Москва на ул. Ленина у проф. Иванова. Всё.",
     0,
     {"Он жил в г. Москва на ул. Ленина у проф. Иванова.", "Всё.", NULL}},
    {"ru т. е. before a capital",
     "ru",
     "Столица, т. е. Москва, растёт. Да.",
     0,
     {"Столица, т. е. Москва, растёт.", "Да.", NULL}},
    {"ru и т. д. ends a sentence",
     "ru",
     "Были книги, журналы и т. д. Затем все ушли.",
     0,
     {"Были книги, журналы и т. д.", "Затем все ушли.", NULL}},
    {"ru и т. д. mid sentence",
     "ru",
     "Книги и т. д. лежали на столе.",
     0,
     {"Книги и т. д. лежали на столе.", NULL}},
    {"ru и др. ends a sentence",
     "ru",
     "Приехали Иванов, Петров и др. Встреча началась.",
     0,
     {"Приехали Иванов, Петров и др.", "Встреча началась.", NULL}},
    {"ru year after a number ends",
     "ru",
     "Это было в 2024 г. Потом всё изменилось.",
     0,
     {"Это было в 2024 г.", "Потом всё изменилось.", NULL}},
    {"ru century",
     "ru",
     "В XX в. Россия изменилась. Это был XX в. Россия менялась.",
     0,
     {"В XX в. Россия изменилась.", "Это был XX в.", "Россия менялась.", NULL}},
    {"ru numbers after an abbreviation",
     "ru",
     "См. рис. 3 и табл. 2. Далее.",
     0,
     {"См. рис. 3 и табл. 2.", "Далее.", NULL}},
    {"bg professor and street",
     "bg",
     "Проф. Биолчев живее на ул. Раковски. Той е ректор.",
     0,
     {"Проф. Биолчев живее на ул. Раковски.", "Той е ректор.", NULL}},
    {"bg т.е. and year",
     "bg",
     "Той дойде, т.е. Иван дойде през 2024 г. След това замина.",
     0,
     {"Той дойде, т.е. Иван дойде през 2024 г.", "След това замина.", NULL}},
    {"uk street and city",
     "uk",
     "Він приїхав до м. Києва на вул. Хрещатик. Це було у 2024 р. Потім все.",
     0,
     {"Він приїхав до м. Києва на вул. Хрещатик.", "Це було у 2024 р.", "Потім все.", NULL}},
    {"uk і т. д.", "uk", "Були книги і т. д. Кінець.", 0, {"Були книги і т. д.", "Кінець.", NULL}},
    {"be вул. and г.",
     "be",
     "Ён жыве на вул. Леніна. У 2020 г. Ён пераехаў.",
     0,
     {"Ён жыве на вул. Леніна.", "У 2020 г.", "Ён пераехаў.", NULL}},
    {"mk проф. and итн.",
     "mk",
     "Проф. Петровски дојде. Имаше книги итн. Потоа замина.",
     0,
     {"Проф. Петровски дојде.", "Имаше книги итн.", "Потоа замина.", NULL}},
    {"sr Cyrillic итд.",
     "sr",
     "Донели су хлеб, млеко итд. Затим су отишли.",
     0,
     {"Донели су хлеб, млеко итд.", "Затим су отишли.", NULL}},
    {"sr Latin ordinal and tj.",
     "sr",
     "Došao je 1. januara, tj. rano. Zatim je otišao.",
     0,
     {"Došao je 1. januara, tj. rano.", "Zatim je otišao.", NULL}},
    {"en titles",
     "en",
     "Mr. Smith met Dr. Jones. They talked.",
     0,
     {"Mr. Smith met Dr. Jones.", "They talked.", NULL}},
    {"en etc. ends a sentence",
     "en",
     "We bought apples, pears, etc. Then we left.",
     0,
     {"We bought apples, pears, etc.", "Then we left.", NULL}},
    {"en p.m. ends a sentence",
     "en",
     "We met at 5 p.m. Then we left.",
     0,
     {"We met at 5 p.m.", "Then we left.", NULL}},
    {"en No. before a number",
     "en",
     "See No. 5 for details. Thanks.",
     0,
     {"See No. 5 for details.", "Thanks.", NULL}},
    {"en no. as a word",
     "en",
     "He said no. Then he left.",
     0,
     {"He said no.", "Then he left.", NULL}},
    {"de z. B. and usw.",
     "de",
     "Obst, z. B. Äpfel, Birnen usw. Danach gingen wir.",
     0,
     {"Obst, z. B. Äpfel, Birnen usw.", "Danach gingen wir.", NULL}},
    {"de ordinal date",
     "de",
     "Er kam am 1. Mai nach Berlin. Das war schön.",
     0,
     {"Er kam am 1. Mai nach Berlin.", "Das war schön.", NULL}},
    {"de ordinal war",
     "de",
     "Das war im 2. Weltkrieg. Viele starben.",
     0,
     {"Das war im 2. Weltkrieg.", "Viele starben.", NULL}},
    {"de year ends",
     "de",
     "Er wurde 1990. Dann zog er um.",
     0,
     {"Er wurde 1990.", "Dann zog er um.", NULL}},
    {"pl titles and r.",
     "pl",
     "Prof. Nowak, tj. dyrektor, przyjechał w 2024 r. Potem wyjechał.",
     0,
     {"Prof. Nowak, tj. dyrektor, przyjechał w 2024 r.", "Potem wyjechał.", NULL}},
    {"pl itd.",
     "pl",
     "Były jabłka, gruszki itd. Koniec.",
     0,
     {"Były jabłka, gruszki itd.", "Koniec.", NULL}},
    {"cs např. and atd.",
     "cs",
     "Ovoce, např. Jablka, hrušky atd. Pak jsme šli.",
     0,
     {"Ovoce, např. Jablka, hrušky atd.", "Pak jsme šli.", NULL}},
    {"fr M. and etc.",
     "fr",
     "M. Dupont est arrivé. Il a vu des chats, des chiens, etc. Puis il est parti.",
     0,
     {"M. Dupont est arrivé.", "Il a vu des chats, des chiens, etc.", "Puis il est parti.", NULL}},
    {"es Sr. and Spanish marks",
     "es",
     "El Sr. García llegó. ¿Quién es? ¡Hola! Adiós.",
     0,
     {"El Sr. García llegó.", "¿Quién es?", "¡Hola!", "Adiós.", NULL}},
    {"it Dott. and ecc.",
     "it",
     "Il Dott. Rossi è arrivato con pane, vino ecc. Poi è partito.",
     0,
     {"Il Dott. Rossi è arrivato con pane, vino ecc.", "Poi è partito.", NULL}},
    {"hu ordinal and stb.",
     "hu",
     "A 2. világháború után alma, körte stb. Utána mentünk.",
     0,
     {"A 2. világháború után alma, körte stb.", "Utána mentünk.", NULL}},
    {"nl dhr. and enz.",
     "nl",
     "Dhr. Jansen kwam. Er waren appels, peren enz. Toen gingen we.",
     0,
     {"Dhr. Jansen kwam.", "Er waren appels, peren enz.", "Toen gingen we.", NULL}},
    {"pt Sr. and etc.",
     "pt",
     "O Sr. Silva chegou com pão, vinho etc. Depois saiu.",
     0,
     {"O Sr. Silva chegou com pão, vinho etc.", "Depois saiu.", NULL}},
    {"ro dl. and etc.",
     "ro",
     "Dl. Popescu a venit cu pâine etc. Apoi a plecat.",
     0,
     {"Dl. Popescu a venit cu pâine etc.", "Apoi a plecat.", NULL}},
    {"sk napr. and atď.",
     "sk",
     "Ovocie, napr. Jablká atď. Potom sme išli.",
     0,
     {"Ovocie, napr. Jablká atď.", "Potom sme išli.", NULL}},
    {"sl npr. and itd.",
     "sl",
     "Sadje, npr. Jabolka itd. Nato smo šli.",
     0,
     {"Sadje, npr. Jabolka itd.", "Nato smo šli.", NULL}},
    {"hr npr. and itd.",
     "hr",
     "Voće, npr. Jabuke itd. Zatim smo otišli.",
     0,
     {"Voće, npr. Jabuke itd.", "Zatim smo otišli.", NULL}},
    {"kk жыл after a number",
     "kk",
     "Бұл 2024 ж. болды. Кейін ол кетті.",
     0,
     {"Бұл 2024 ж. болды.", "Кейін ол кетті.", NULL}},

    /* numbers, dates, URLs */
    {"decimal and date",
     "ru",
     "Это было 19.06.2024 в 10.30. Цена выросла на 3.5%. Всё.",
     0,
     {"Это было 19.06.2024 в 10.30.", "Цена выросла на 3.5%.", "Всё.", NULL}},
    {"range with an en dash",
     "ru",
     "Саммит прошёл 18–19 июня. Итоги подвели.",
     0,
     {"Саммит прошёл 18–19 июня.", "Итоги подвели.", NULL}},
    {"e-mail and URL",
     "en",
     "Write to ivan@mail.ru. See www.example.com/a.b now. Visit https://x.org/A.Html today.",
     0,
     {"Write to ivan@mail.ru.", "See www.example.com/a.b now.", "Visit https://x.org/A.Html today.",
      NULL}},
    {"list item number",
     "en",
     "1. First item\n2. Second item",
     0,
     {"1. First item", "2. Second item", NULL}},

    /* terminators */
    {"ellipsis before a capital",
     "ru",
     "Он ждал... Потом ушёл. Ну… и всё.",
     0,
     {"Он ждал...", "Потом ушёл.", "Ну… и всё.", NULL}},
    {"?! and ?..",
     "ru",
     "Что?! Не может быть?.. Может.",
     0,
     {"Что?!", "Не может быть?..", "Может.", NULL}},
    {"closing quote after the stop",
     "ru",
     "Он сказал: «Я приду.» Она кивнула.",
     0,
     {"Он сказал: «Я приду.»", "Она кивнула.", NULL}},
    {"stop after a closing quote",
     "ru",
     "Он сказал «да». Она кивнула.",
     0,
     {"Он сказал «да».", "Она кивнула.", NULL}},
    {"English quotes and brackets",
     "en",
     "\"Is it true?\" she asked. \"Yes!\" He nodded. (It was late.) Next.",
     0,
     {"\"Is it true?\" she asked.", "\"Yes!\"", "He nodded.", "(It was late.)", "Next.", NULL}},
    {"German quotes",
     "de",
     "Er sagte: „Ich komme.“ Dann ging er.",
     0,
     {"Er sagte: „Ich komme.“", "Dann ging er.", NULL}},
    {"stop before a closing bracket",
     "en",
     "He left (at noon.) Then rain.",
     0,
     {"He left (at noon.)", "Then rain.", NULL}},

    /* direct speech */
    {"direct speech with the author's words",
     "ru",
     "«Я приду завтра», — сказал он. Она кивнула.",
     0,
     {"«Я приду завтра», — сказал он.", "Она кивнула.", NULL}},
    {"direct speech ending inside the quotes",
     "ru",
     "«Я приду завтра, — сказал он.» Она кивнула.",
     0,
     {"«Я приду завтра, — сказал он.»", "Она кивнула.", NULL}},
    {"a Cyrillic word ending in a vowel or a soft sign before a lower-case start",
     "ru",
     "были на даче всего день. вернулись уставшие. Доклад проф. Иванова.",
     0,
     {"были на даче всего день.", "вернулись уставшие.", "Доклад проф. Иванова.", NULL}},
    {"a consonant-final short word may be cut short: no break before lower case",
     "ru",
     "Стоимость 5 руб. за штуку.",
     0,
     {"Стоимость 5 руб. за штуку.", NULL}},
    {"an English contraction after a question mark starts a sentence",
     "en",
     "anyone up? can't sleep. i'm bored.",
     0,
     {"anyone up?", "can't sleep.", "i'm bored.", NULL}},
    {"a number counted by an abbreviation is no ordinal",
     "cs",
     "Porada je v sále č. 3. Zúčastní se i Mgr. Horáková. Koná se 3. května.",
     0,
     {"Porada je v sále č. 3.", "Zúčastní se i Mgr. Horáková.", "Koná se 3. května.", NULL}},
    {"a reference list: an entry a line, one sentence each",
     "en",
     "Smith, A. B. and M. Petrova. 2019. Rivers of Europe. 3rd ed. London: Harwell Press.\n"
     "Kovacs, L. 2005. Navigation. J. Eur. Hist. 12: 101-18.\n",
     0,
     {"Smith, A. B. and M. Petrova. 2019. Rivers of Europe. 3rd ed. London: Harwell Press.",
      "Kovacs, L. 2005. Navigation. J. Eur. Hist. 12: 101-18.", NULL}},
    {"a GOST entry: surname and two initials",
     "be",
     "Іваноў П. А. Рэкі Беларусі. Мн.: Навука, 1987. 312 с.\nНаступны радок. Яшчэ адзін.",
     0,
     {"Іваноў П. А. Рэкі Беларусі. Мн.: Навука, 1987. 312 с.", "Наступны радок.", "Яшчэ адзін.",
      NULL}},
    {"a name with one initial is no reference entry",
     "ru",
     "Джон Ф. Кеннеди стал президентом в 1961 году. Он погиб в 1963 году.",
     0,
     {"Джон Ф. Кеннеди стал президентом в 1961 году.", "Он погиб в 1963 году.", NULL}},
    {"a surname and initials without a year: sentences as usual",
     "en",
     "Smith, J. arrived late. Nobody noticed.",
     0,
     {"Smith, J. arrived late.", "Nobody noticed.", NULL}},
    {"a number after a stop inside an open bracket",
     "de",
     "Die LED blinkt blau (max. 2 Min.) und leuchtet dann. Fertig.",
     0,
     {"Die LED blinkt blau (max. 2 Min.) und leuchtet dann.", "Fertig.", NULL}},
    {"a date written with spaces",
     "cs",
     "Narodil se 12. 5. 1950 v Brně. Termín: 1. 9. 2024. Bylo nám 12. 5 lidí přišlo.",
     0,
     {"Narodil se 12. 5. 1950 v Brně.", "Termín: 1. 9. 2024.", "Bylo nám 12.", "5 lidí přišlo.",
      NULL}},
    {"a number counted by Nr. is no ordinal",
     "de",
     "Das Treffen ist in Zimmer Nr. 12. Dort gibt es Kaffee. Am 1. Mai beginnt es.",
     0,
     {"Das Treffen ist in Zimmer Nr. 12.", "Dort gibt es Kaffee.", "Am 1. Mai beginnt es.", NULL}},
    {"a speaker's turn goes on after the author's words (dash form)",
     "ru",
     "— Не сейчас, — сказал он. — Приходи завтра. Дверь закрылась.",
     0,
     {"— Не сейчас, — сказал он. — Приходи завтра.", "Дверь закрылась.", NULL}},
    {"a quotation goes on after the author's words",
     "ru",
     "«Я всё понимаю, — сказал директор. — Но денег нет». Все молчали.",
     0,
     {"«Я всё понимаю, — сказал директор. — Но денег нет».", "Все молчали.", NULL}},
    {"the author's words after a question, then the turn goes on",
     "uk",
     "— Куди ти? — спитала мати. — Уже пізно.",
     0,
     {"— Куди ти? — спитала мати. — Уже пізно.", NULL}},
    {"narration, not speech, before a dash and a capital",
     "ru",
     "Он ушёл, — сказала она. — Всё.",
     0,
     {"Он ушёл, — сказала она.", "— Всё.", NULL}},
    {"a new turn after the author's words on the next line",
     "ru",
     "— Не сейчас, — сказал он.\n— Почему? — спросила она.",
     0,
     {"— Не сейчас, — сказал он.", "— Почему? — спросила она.", NULL}},
    {"a bibliography area is no speech",
     "ru",
     "Иванов И. И. Реки. — М.: Наука, 1987. — 312 с.",
     0,
     {"Иванов И. И. Реки. — М.: Наука, 1987. — 312 с.", NULL}},
    {"exclamation then the author's words",
     "ru",
     "«Стой!» — крикнул он. Все замерли.",
     0,
     {"«Стой!» — крикнул он.", "Все замерли.", NULL}},
    {"dialogue: the turn goes on after the author's words; a dash after '!' opens the next part",
     "ru",
     "— Да, — ответил он. — Конечно! — Куда? — спросила она.",
     0,
     {"— Да, — ответил он. — Конечно!", "— Куда? — спросила она.", NULL}},
    {"a new line is a new turn",
     "ru",
     "— Да, — ответил он.\n— Конечно!",
     0,
     {"— Да, — ответил он.", "— Конечно!", NULL}},
    {"a dash after a plain sentence opens a turn",
     "ru",
     "Он ушёл. — Куда? — спросила она.",
     0,
     {"Он ушёл.", "— Куда? — спросила она.", NULL}},
    {"dateline",
     "ru",
     "МОСКВА, 18 июня. /ТАСС/. Правительство утвердило правила. Всё.",
     0,
     {"МОСКВА, 18 июня. /ТАСС/. Правительство утвердило правила.", "Всё.", NULL}},
    {"units after a number end a sentence",
     "ru",
     "Штраф составил 100 тыс. руб. Об этом сообщили.",
     0,
     {"Штраф составил 100 тыс. руб.", "Об этом сообщили.", NULL}},
    {"de ordinal vetoed by an article",
     "de",
     "Leverkusen liegt auf Platz 1. Die Bayern folgen.",
     0,
     {"Leverkusen liegt auf Platz 1.", "Die Bayern folgen.", NULL}},
    {"de street compound before a number",
     "de",
     "Es liegt in der Invalidenstr. 43 in Berlin.",
     0,
     {"Es liegt in der Invalidenstr. 43 in Berlin.", NULL}},
    {"en verb of saying after a quote",
     "en",
     "\"Was it true?\" Clare asked. \"Yes.\" He nodded.",
     0,
     {"\"Was it true?\" Clare asked.", "\"Yes.\"", "He nodded.", NULL}},
    {"initial before an article",
     "en",
     "He chose Plan B. The rest failed.",
     0,
     {"He chose Plan B.", "The rest failed.", NULL}},
    {"dialogue turns on new lines",
     "ru",
     "— Ты придёшь?\n— Приду.\n— Когда?",
     0,
     {"— Ты придёшь?", "— Приду.", "— Когда?", NULL}},

    /* missing space, line breaks, paragraphs */
    {"missing space after the stop",
     "ru",
     "Это было в прошлом году.В Москве шёл снег.",
     0,
     {"Это было в прошлом году.", "В Москве шёл снег.", NULL}},
    {"no split inside a dotted abbreviation",
     "ru",
     "Это т.е. пример.",
     0,
     {"Это т.е. пример.", NULL}},
    {"headline without a stop",
     "ru",
     "Путин прибыл в Минск\nПрезидент России прибыл с визитом. Встреча началась.",
     0,
     {"Путин прибыл в Минск", "Президент России прибыл с визитом.", "Встреча началась.", NULL}},
    {"wrapped line is not a boundary",
     "en",
     "This sentence is long enough that the editor wrapped it at a fixed\nwidth of the column. "
     "Next.",
     0,
     {"This sentence is long enough that the editor wrapped it at a fixed\nwidth of the column.",
      "Next.", NULL}},
    {"short lines are list items",
     "sr",
     "Lozinka mora da sadrži:\nnajmanje 8 znakova\nbar jednu cifru",
     0,
     {"Lozinka mora da sadrži:", "najmanje 8 znakova", "bar jednu cifru", NULL}},
    {"sr number before a capital ends",
     "sr",
     "Objavljeno je u svesci 85, br. 2. Istraživači su našli više.",
     0,
     {"Objavljeno je u svesci 85, br. 2.", "Istraživači su našli više.", NULL}},
    {"phone number after an abbreviation",
     "ru",
     "Звоните по тел. +7 (4822) 34-56-78. Ждём.",
     0,
     {"Звоните по тел. +7 (4822) 34-56-78.", "Ждём.", NULL}},
    {"a brand in lower case starts a sentence",
     "ru",
     "Продажи выросли на 12%. iPhone лидирует.",
     0,
     {"Продажи выросли на 12%.", "iPhone лидирует.", NULL}},
    {"chapter heading", "de", "Kapitel 1. Der Anfang", 0, {"Kapitel 1. Der Anfang", NULL}},
    {"title before a pronoun ends",
     "en",
     "He lives on Baker St. It is busy. See St. Paul.",
     0,
     {"He lives on Baker St.", "It is busy.", "See St. Paul.", NULL}},
    {"U.S. as an adjective",
     "en",
     "She works for the U.S. Department of State.",
     0,
     {"She works for the U.S. Department of State.", NULL}},
    {"missing space after a year abbreviation",
     "bg",
     "Така свърши 2024 г.През януари започва сезонът.",
     0,
     {"Така свърши 2024 г.", "През януари започва сезонът.", NULL}},
    {"missing space after a year",
     "sr",
     "Tako je prošla 2024.U januaru počinje sezona.",
     0,
     {"Tako je prošla 2024.", "U januaru počinje sezona.", NULL}},
    {"not a speech tag",
     "en",
     "She asked: \"Where is Mr. Brown?\" Nobody answered.",
     0,
     {"She asked: \"Where is Mr. Brown?\"", "Nobody answered.", NULL}},
    {"a time zone goes on after a.m.",
     "en",
     "It crashed at 6:45 a.m. Saturday. Three were hurt.",
     0,
     {"It crashed at 6:45 a.m. Saturday.", "Three were hurt.", NULL}},
    {"missing space after a day number",
     "en",
     "It closes from Sept. 1.It reopens in spring.",
     0,
     {"It closes from Sept. 1.", "It reopens in spring.", NULL}},
    {"German ordinal without a space",
     "de",
     "Am 1.Mai war Feiertag.",
     0,
     {"Am 1.Mai war Feiertag.", NULL}},
    {"a title in quotes keeps its full stop",
     "ru",
     "Открылась выставка «Свет и тень. Пейзаж XIX в.». Она продлится месяц.",
     0,
     {"Открылась выставка «Свет и тень. Пейзаж XIX в.».", "Она продлится месяц.", NULL}},
    {"quoted speech at the start may hold sentences",
     "ru",
     "«Список — не догма. Если нужно, изменим», — сказал он.",
     0,
     {"«Список — не догма.", "Если нужно, изменим», — сказал он.", NULL}},
    {"a pronoun after a unit in quotes",
     "pl",
     "Leżą na głębokości 300 m. „To rzeki” – mówi.",
     0,
     {"Leżą na głębokości 300 m.", "„To rzeki” – mówi.", NULL}},
    {"bibliographic areas after a dash",
     "ru",
     "Иванов П. А. Реки Средней России. — М.: Наука, 1987. — 312 с. Сидорова Е. В. Гидрология.",
     0,
     {"Иванов П. А. Реки Средней России. — М.: Наука, 1987. — 312 с.", "Сидорова Е. В. Гидрология.",
      NULL}},
    {"section and figure numbers open a line",
     "sr",
     "§ 12. Тачка се ставља на крају.\nСл. 4. Шема прикључивања",
     0,
     {"§ 12. Тачка се ставља на крају.", "Сл. 4. Шема прикључивања", NULL}},
    {"a section number ends a sentence mid-line",
     "ru",
     "Это описано в § 12. Далее идёт пример.",
     0,
     {"Это описано в § 12.", "Далее идёт пример.", NULL}},
    {"a chapter heading in quotes",
     "sr",
     "Уп.: „Глава 1. Детињство“ (без тачке).",
     0,
     {"Уп.: „Глава 1. Детињство“ (без тачке).", NULL}},
    {"IP address before a capital",
     "sr",
     "Upišite adresu 192.168.0.1. Zatim kliknite.",
     0,
     {"Upišite adresu 192.168.0.1.", "Zatim kliknite.", NULL}},
    {"century after Roman numerals",
     "sr",
     "Podignuti su u XV–XVIII v. Najpoznatiji je Krušedol.",
     0,
     {"Podignuti su u XV–XVIII v.", "Najpoznatiji je Krušedol.", NULL}},
    {"paragraph break is a boundary",
     "en",
     "No stop here\n\nnew paragraph starts",
     0,
     {"No stop here", "new paragraph starts", NULL}},
    {"abbreviation before a paragraph break",
     "ru",
     "Он живёт на ул.\n\nНовый абзац.",
     0,
     {"Он живёт на ул.", "Новый абзац.", NULL}},
    {"list items with bullets",
     "en",
     "Shopping:\n- milk\n- bread\nDone",
     0,
     {"Shopping:", "- milk", "- bread", "Done", NULL}},
    {"numbered list after a colon",
     "ru",
     "План:\n1. Встреча\n2) Обед",
     0,
     {"План:", "1. Встреча", "2) Обед", NULL}},
    {"caseless script", "en", "Hello. 你好。 再见。", 0, {"Hello.", "你好。", "再见。", NULL}},

    /* sentences typed in lower case (chat, e-mail, reviews: issue 10) */
    {"en lower-case start after a full stop",
     "en",
     "we got home late. the lights were off.",
     0,
     {"we got home late.", "the lights were off.", NULL}},
    {"en lower-case start after ? and !",
     "en",
     "is it open? i will call. Great! see you.",
     0,
     {"is it open?", "i will call.", "Great!", "see you.", NULL}},
    {"en two dots after a word before lower case: a new sentence (chat)",
     "en",
     "Nice shirt (w/ logo).. on the back it says hi. Argh.. who is there?",
     0,
     {"Nice shirt (w/ logo)..", "on the back it says hi.", "Argh..", "who is there?", NULL}},
    {"pl two dots after a closing bracket before lower case: a new sentence (chat)",
     "pl",
     "widzialem [mx na qmailu].. gadalem z nim [w pracy]... nic nie wie",
     0,
     {"widzialem [mx na qmailu]..", "gadalem z nim [w pracy]... nic nie wie", NULL}},
    {"a man page's command name ends a sentence and opens the next",
     "sr",
     "This page documents the GNU version of df.  df displays the space. Unlike df. it shows it.",
     0,
     {"This page documents the GNU version of df.", "df displays the space.",
      "Unlike df. it shows it.", NULL}},
    {"de a whole word (-ch, -ht, -ig) before lower case ends the sentence (chat)",
     "de",
     "das war schrecklich. wir haben es nicht. sie verleiht. es geht. bzgl. der Sache ggf. auch",
     0,
     {"das war schrecklich.", "wir haben es nicht.", "sie verleiht.", "es geht.",
      "bzgl. der Sache ggf. auch", NULL}},
    {"it an initial before a word that starts sentences ends the sentence",
     "it",
     "Sono basati su X. Si può disabilitare. Lo disse Carlo X. Bianchi.",
     0,
     {"Sono basati su X.", "Si può disabilitare.", "Lo disse Carlo X. Bianchi.", NULL}},
    {"pl a year or century opening the sentence is a time adverbial",
     "pl",
     "W XIX w. Warta stała się drogą. Zbudowano go w XIX w. Warta płynie obok.",
     0,
     {"W XIX w. Warta stała się drogą.", "Zbudowano go w XIX w.", "Warta płynie obok.", NULL}},
    {"mk a year opening the sentence is a time adverbial",
     "mk",
     "Во 1979 г. Охрид е запишан. Тоа беше во 1979 г. Охрид е стар.",
     0,
     {"Во 1979 г. Охрид е запишан.", "Тоа беше во 1979 г.", "Охрид е стар.", NULL}},
    {"sr a Roman numeral after a name before a word that starts sentences",
     "sr",
     "Владао је Петар I. Кад се вратио, све је било мирно.",
     0,
     {"Владао је Петар I.", "Кад се вратио, све је било мирно.", NULL}},
    {"en a range of abbreviations before a number goes on",
     "en",
     "Call us Mon.–Fri. 9 a.m. to noon. We ran in the pre-war. 5 of us left.",
     0,
     {"Call us Mon.–Fri. 9 a.m. to noon.", "We ran in the pre-war.", "5 of us left.", NULL}},
    {"en an interjection with its full stop after a question is a new sentence",
     "en",
     "off your perch or something? me? heh. not likely. see e.g. the docs",
     0,
     {"off your perch or something?", "me?", "heh.", "not likely.", "see e.g. the docs", NULL}},
    {"de a title in a list of titles keeps its full stop",
     "de",
     "Er schrieb „Werther“ (1774), „Faust. Eine Tragödie“ (1808) und mehr. Dann starb er.",
     0,
     {"Er schrieb „Werther“ (1774), „Faust. Eine Tragödie“ (1808) und mehr.", "Dann starb er.",
      NULL}},
    {"pl a photo credit goes on to its agency",
     "pl",
     "Dane są na stronie. Fot. PAP/Jan Kowal",
     0,
     {"Dane są na stronie.", "Fot. PAP/Jan Kowal", NULL}},
    {"en a word in capitals before lower case ends the sentence",
     "en",
     "I like simple solutions. like EMACS. or dvt.",
     0,
     {"I like simple solutions.", "like EMACS.", "or dvt.", NULL}},
    {"de two hyphens typed for a dash after the stop",
     "de",
     "Joey: Das sollte gar net gehn. -- LinuxTag 2000",
     0,
     {"Joey: Das sollte gar net gehn.", "-- LinuxTag 2000", NULL}},
    {"ru an ellipsis before lower case goes on",
     "ru",
     "Он научил людей... воровать.",
     0,
     {"Он научил людей... воровать.", NULL}},
    {"en an emoticon alone after the stop belongs to the sentence",
     "en",
     "That is a sledge hammer. (=:]\nNice one.",
     0,
     {"That is a sledge hammer. (=:]", "Nice one.", NULL}},
    {"sr a name in quotes after a stop without a space",
     "sr",
     "Ако ШАБЛОН није наведен, користи „tmp.XXXXXXXXXX“, а --tmpdir се подразумева.",
     0,
     {"Ако ШАБЛОН није наведен, користи „tmp.XXXXXXXXXX“, а --tmpdir се подразумева.", NULL}},
    {"en abbreviations before lower case do not end",
     "en",
     "at 5 p.m. and later, e.g. the soup, approx. ten.",
     0,
     {"at 5 p.m. and later, e.g. the soup, approx. ten.", NULL}},
    {"en quoted speech before a lower-case tag",
     "en",
     "\"Stop!\" he said. Nothing happened.",
     0,
     {"\"Stop!\" he said.", "Nothing happened.", NULL}},
    {"ru lower-case start after a long word",
     "ru",
     "Мы вернулись поздно. дома было тихо.",
     0,
     {"Мы вернулись поздно.", "дома было тихо.", NULL}},
    {"ru shortened words outside the tables do not end",
     "ru",
     "Куратор, канд. искусствоведения, и 5 млн дол. на проект, геогр. журнал.",
     0,
     {"Куратор, канд. искусствоведения, и 5 млн дол. на проект, геогр. журнал.", NULL}},
    {"cs ordinal before a lower-case month",
     "cs",
     "Koncert bude 5. května v Brně.",
     0,
     {"Koncert bude 5. května v Brně.", NULL}},

    /* inline lists (issue 10) */
    {"en numbered items with .)",
     "en",
     "Buy: 1.) rice 2.) beans 3.) salt",
     0,
     {"Buy: 1.) rice", "2.) beans", "3.) salt", NULL}},
    {"en numbered items with )",
     "en",
     "1) Plug it in 2) Switch it on",
     0,
     {"1) Plug it in", "2) Switch it on", NULL}},
    {"en lettered items",
     "en",
     "a. Mix the flour b. Add the eggs",
     0,
     {"a. Mix the flour", "b. Add the eggs", NULL}},
    {"en bullets before numbers",
     "en",
     "\xe2\x80\xa2 3. Open it \xe2\x80\xa2 4. Close it",
     0,
     {"\xe2\x80\xa2 3. Open it", "\xe2\x80\xa2 4. Close it", NULL}},
    {"en a number in brackets is no list",
     "en",
     "See (Fig. 3) and table 2) here. Done.",
     0,
     {"See (Fig. 3) and table 2) here.", "Done.", NULL}},
    /* Spanish, Italian, Slovak, Czech (issue 10) */
    {"es weekday and month before numbers",
     "es",
     "Llega el jue. 2 de dic. a Lima.",
     0,
     {"Llega el jue. 2 de dic. a Lima.", NULL}},
    {"es EE. UU. ends a sentence",
     "es",
     "Vino de EE. UU. Ahora vive aqu\xc3\xad.",
     0,
     {"Vino de EE. UU.", "Ahora vive aqu\xc3\xad.", NULL}},
    {"sk ordinal and Roman numeral before a capital",
     "sk",
     "Stretli sa 1. M\xc3\xa1ja pri II. Zbore.",
     0,
     {"Stretli sa 1. M\xc3\xa1ja pri II. Zbore.", NULL}},

    {"it title after an elided article",
     "it",
     "Parla l'Ing. Neri. Poi tace.",
     0,
     {"Parla l'Ing. Neri.", "Poi tace.", NULL}},
    {"ru No. sign after a year",
     "ru",
     "\xd0\x96\xd1\x83\xd1\x80\xd0\xbd\xd0\xb0\xd0\xbb \xd0\xb7\xd0\xb0 2019 \xd0\xb3. "
     "\xe2\x84\x96 4.",
     0,
     {"\xd0\x96\xd1\x83\xd1\x80\xd0\xbd\xd0\xb0\xd0\xbb \xd0\xb7\xd0\xb0 2019 \xd0\xb3. "
      "\xe2\x84\x96 4.",
      NULL}},
    {"en citation in brackets after a quotation",
     "en",
     "\"All is well.\" (Lee 12). Then not.",
     0,
     {"\"All is well.\" (Lee 12).", "Then not.", NULL}},

    /* round 5 */
    {"a bullet glued to its number opens each item",
     "en",
     "\xe2\x81\x83"
     "3. Sand the board \xe2\x81\x83"
     "4. Paint the board",
     0,
     {"\xe2\x81\x83"
      "3. Sand the board",
      "\xe2\x81\x83"
      "4. Paint the board",
      NULL}},
    {"items a comma joins are one sentence",
     "en",
     "The rules are, 1) no spam, 2) no flames. Thanks.",
     0,
     {"The rules are, 1) no spam, 2) no flames.", "Thanks.", NULL}},
    {"an ellipsis inside a usage line's square brackets",
     "be",
     "Ужываньне: ls [ПАРАМЕТР\xe2\x80\xa6] ФАЙЛ. Далей.",
     0,
     {"Ужываньне: ls [ПАРАМЕТР\xe2\x80\xa6] ФАЙЛ.", "Далей.", NULL}},
    {"an ellipsis after a square bracket",
     "en",
     "Usage: cp [OPTION]... SOURCE DEST. Then more.",
     0,
     {"Usage: cp [OPTION]... SOURCE DEST.", "Then more.", NULL}},
    {"an ellipsis after a square bracket before a sentence",
     "en",
     "Usage: ls [OPTION]... [FILE]... Lists files.",
     0,
     {"Usage: ls [OPTION]... [FILE]...", "Lists files.", NULL}},
    {"an elision in brackets inside a quotation",
     "en",
     "\"Bohr [...] Then the stairs [...]\" (Smith 55). Next.",
     0,
     {"\"Bohr [...] Then the stairs [...]\" (Smith 55).", "Next.", NULL}},
    {"an abbreviation that never ends a sentence goes on across a dash",
     "de",
     "FRANKFURT a. M. – Die Stadt baut. Sie spart.",
     0,
     {"FRANKFURT a. M. – Die Stadt baut.", "Sie spart.", NULL}},
    {"the author's words twice inside an open quotation",
     "ru",
     "«Я не виноват, — сказал Петя. — Это всё ветер. — И добавил: — Правда». Никто не ответил.",
     0,
     {"«Я не виноват, — сказал Петя. — Это всё ветер. — И добавил: — Правда».", "Никто не ответил.",
      NULL}},
    {"a section number opens its heading",
     "es",
     "11.2.1. Conceptos básicos de XML\nEl código XML tiene la apariencia de HTML.",
     0,
     {"11.2.1. Conceptos básicos de XML", "El código XML tiene la apariencia de HTML.", NULL}},
    {"a version at the start of a wrapped line is no section number",
     "uk",
     "Цей параметр реалізовано лише у ядрах Linux, починаючи з версії\n2.6.29. Крім того, цей "
     "параметр є чинним, лише якщо у\nядрі це увімкнено.",
     0,
     /* the line break before a number is taken for a list's (as before);
      * what matters here: "2.6.29." does not open "Крім того" */
     {"Цей параметр реалізовано лише у ядрах Linux, починаючи з версії", "2.6.29.",
      "Крім того, цей параметр є чинним, лише якщо у\nядрі це увімкнено.", NULL}},
    {"a country's initials end a sentence before a capitalised word",
     "en",
     "The band toured the U.S. Later they split up.",
     0,
     {"The band toured the U.S.", "Later they split up.", NULL}},
    {"a country's initials go on before a noun they modify",
     "en",
     "He worked for the U.S. Department of Energy. The U.K. Treasury agreed.",
     0,
     {"He worked for the U.S. Department of Energy.", "The U.K. Treasury agreed.", NULL}},
    {"a country's initials go on before a name",
     "en",
     "She joined the U.S. Air Force in May.",
     0,
     {"She joined the U.S. Air Force in May.", NULL}},
    {"a country's initials opening a sentence go on",
     "en",
     "We left. U.K. Universities charge more.",
     0,
     {"We left.", "U.K. Universities charge more.", NULL}},
    {"laughter before an ellipsis is a sentence of its own",
     "en",
     "rofl... distro nick wars. ok",
     0,
     {"rofl...", "distro nick wars.", "ok", NULL}},
    {"hesitation after a nick before an ellipsis",
     "pl",
     "Crvisty ehh... moje programy zaraz tu beda",
     0,
     {"Crvisty ehh...", "moje programy zaraz tu beda", NULL}},
    {"an interjection after an ellipsis is a sentence of its own",
     "de",
     "und jetzt bauen wir ihn noch ein... mmh? Sieht gut aus.",
     0,
     {"und jetzt bauen wir ihn noch ein...", "mmh?", "Sieht gut aus.", NULL}},
    {"an ellipsis after an ordinary word goes on",
     "pl",
     "Crvisty czekaj... moje programy zaraz tu beda",
     0,
     {"Crvisty czekaj... moje programy zaraz tu beda", NULL}},

    {"a pronoun after a preposition is no abbreviation",
     "be",
     "Ён выводзіць нулявы байт за ім. Вывад каманды падыходзіць для xargs.",
     0,
     {"Ён выводзіць нулявы байт за ім.", "Вывад каманды падыходзіць для xargs.", NULL}},
    {"a number with its minus sign after a full stop starts a sentence",
     "be",
     "Раздзяляльная здольнасць у кропках на цалю. -1 - прадвызначанае значэнне.",
     0,
     {"Раздзяляльная здольнасць у кропках на цалю.", "-1 - прадвызначанае значэнне.", NULL}},
    {"a minus sign after an abbreviation goes on",
     "be",
     "Тэмпература прыбл. -5 градусаў.",
     0,
     {"Тэмпература прыбл. -5 градусаў.", NULL}},
    {"a title before a name: бл.",
     "bg",
     "Така е казал бл. Августин. Помнете го.",
     0,
     {"Така е казал бл. Августин.", "Помнете го.", NULL}},
    {"an ellipsis right after an opening quote",
     "bg",
     "Той издаде закони: \"...Не се позволява никому да краде.\" Всички се подчиниха.",
     0,
     {"Той издаде закони: \"...Не се позволява никому да краде.\"", "Всички се подчиниха.", NULL}},
    {"a section heading ending in a question mark",
     "it",
     "Vedi i pacchetti che corrispondono.\n9.5.1. Chi è nel sistema?\nSi può controllare.",
     0,
     {"Vedi i pacchetti che corrispondono.", "9.5.1. Chi è nel sistema?", "Si può controllare.",
      NULL}},
    {"an inline list of lower-case Roman numerals",
     "en",
     "i. Log in ii. Pick a seat iii. Pay the fare",
     0,
     {"i. Log in", "ii. Pick a seat", "iii. Pay the fare", NULL}},
    {"a reference number in brackets after a quotation",
     "en",
     "\"Nothing is free.\" [4] That was his motto.",
     0,
     {"\"Nothing is free.\" [4]", "That was his motto.", NULL}},
    /* issue 10, round 9 (cases heldout5's classes) */
    {"a Latin capital and a dot before a Cyrillic word is no initial",
     "ru",
     "ядром Linux и библиотекой GNU C. Таким образом, проект растёт.",
     0,
     {"ядром Linux и библиотекой GNU C.", "Таким образом, проект растёт.", NULL}},
    {"a Cyrillic initial before a Cyrillic surname stays one",
     "ru",
     "Статью написал С. Петров из Казани.",
     0,
     {"Статью написал С. Петров из Казани.", NULL}},
    {"French spacing: the closing guillemet after its own space",
     "fr",
     "Il a répondu : « Non, merci. » Ensuite il est parti.",
     0,
     {"Il a répondu : « Non, merci. »", "Ensuite il est parti.", NULL}},
    {"Italian title in lower case before a name",
     "it",
     "Ho visto il dott. Bianchi ieri. Stava bene.",
     0,
     {"Ho visto il dott. Bianchi ieri.", "Stava bene.", NULL}},
    {"Spanish title in lower case before a name",
     "es",
     "Llamó la sra. Pérez esta mañana. No dejó mensaje.",
     0,
     {"Llamó la sra. Pérez esta mañana.", "No dejó mensaje.", NULL}},
    {"an English weekday's abbreviation before lower case and before a capital",
     "en",
     "The shop opens on Wed. at noon. We went on Thu. It was shut.",
     0,
     {"The shop opens on Wed. at noon.", "We went on Thu.", "It was shut.", NULL}},
    /* weekday and month abbreviations before a date (issue 10, round 10) */
    {"Italian weekday and month abbreviations before a date",
     "it",
     "La visita è fissata per merc. 4 magg. alle 9. Arrivate puntuali.",
     0,
     {"La visita è fissata per merc. 4 magg. alle 9.", "Arrivate puntuali.", NULL}},
    {"Portuguese weekday and month abbreviations before a date",
     "pt",
     "O curso começa na qui. 8 de out. pela manhã. Inscreva-se já.",
     0,
     {"O curso começa na qui. 8 de out. pela manhã.", "Inscreva-se já.", NULL}},
    {"French weekday abbreviation before a date",
     "fr",
     "Réunion le jeu. 5 févr. à Paris. Soyez là.",
     0,
     {"Réunion le jeu. 5 févr. à Paris.", "Soyez là.", NULL}},
    {"Croatian weekday and month abbreviations around an ordinal day",
     "hr",
     "Sastanak je u uto. 3. velj. u podne. Dođite na vrijeme.",
     0,
     {"Sastanak je u uto. 3. velj. u podne.", "Dođite na vrijeme.", NULL}},
    {"Russian month abbreviation before a year",
     "ru",
     "Срок сдачи 15 нояб. 2026 года. Не опаздывайте.",
     0,
     {"Срок сдачи 15 нояб. 2026 года.", "Не опаздывайте.", NULL}},
    {"German weekday before a date: the day is no counted number",
     "de",
     "Wir treffen uns am Mi. 4. März im Büro. Bis dann.",
     0,
     {"Wir treffen uns am Mi. 4. März im Büro.", "Bis dann.", NULL}},
    /* a pronoun or adverb of time that opens sentences, in lower case after a short word */
    {"ru lower-case sentence after a short word: an adverb of time opens it",
     "ru",
     "Мы ждали целый час. сегодня всё повторилось.",
     0,
     {"Мы ждали целый час.", "сегодня всё повторилось.", NULL}},
    {"uk lower-case sentence after a short word: a negative pronoun opens it",
     "uk",
     "Пішли в ліс. ніхто не заблукав.",
     0,
     {"Пішли в ліс.", "ніхто не заблукав.", NULL}},
    /* an hour before a lower-case sentence in chat (pl, sk: class H) */
    {"Polish chat: an hour after o ends the sentence before lower case",
     "pl",
     "przyjdę o 19. weź klucze",
     0,
     {"przyjdę o 19.", "weź klucze", NULL}},
    {"Slovak chat: an hour after okolo ends the sentence before lower case",
     "sk",
     "prídem okolo 8. počkaj na mňa",
     0,
     {"prídem okolo 8.", "počkaj na mňa", NULL}},
    {"Polish edited text: an ordinal after o goes on",
     "pl",
     "Walczą o 3. miejsce w lidze. Trener jest zadowolony.",
     0,
     {"Walczą o 3. miejsce w lidze.", "Trener jest zadowolony.", NULL}},
    {"Polish chat: a number above 24 after o stays an ordinal",
     "pl",
     "grają o 30. miejsce w tabeli",
     0,
     {"grają o 30. miejsce w tabeli", NULL}},
    {"Polish pok. before a room's number; the number ends its sentence",
     "pl",
     "Czekam w pok. 12. Wejdź śmiało.",
     0,
     {"Czekam w pok. 12.", "Wejdź śmiało.", NULL}},
    {"a chat emoticon between words ends the sentence before it",
     "en",
     "nice work on the build :) see you friday",
     0,
     {"nice work on the build :)", "see you friday", NULL}},
    {"an emoticon after a colon or before a sign goes on",
     "de",
     "Alfie: ;) naja, wir warten. Das machen wir :-) *grins*",
     0,
     {"Alfie: ;) naja, wir warten.", "Das machen wir :-) *grins*", NULL}},
    {"a path before the stop ends a sentence typed in lower case",
     "pl",
     "sprawdź /etc/apt/sources.list. może masz tam stary mirror",
     0,
     {"sprawdź /etc/apt/sources.list.", "może masz tam stary mirror", NULL}},
    {"a command's option before the stop ends a sentence typed in lower case",
     "ru",
     "запустите с ключом -v. скорее всего это права",
     0,
     {"запустите с ключом -v.", "скорее всего это права", NULL}},
    {"slashes around a correspondent's note are no path",
     "bg",
     "СОФИЯ, 2 май /Кор. на БТА/ Делегацията пристигна днес.",
     0,
     {"СОФИЯ, 2 май /Кор. на БТА/ Делегацията пристигна днес.", NULL}},
    {"каб. before a room's number (Bulgarian)",
     "bg",
     "Приемът е в каб. 215. С уважение, секретарят",
     0,
     {"Приемът е в каб. 215.", "С уважение, секретарят", NULL}},
    {"каф. before a name in quotes (Russian)",
     "ru",
     "Встречаемся в каф. «Уют». Вход свободный.",
     0,
     {"Встречаемся в каф. «Уют».", "Вход свободный.", NULL}},
    {"a sentence-starting word in lower case after a short whole word",
     "ru",
     "Заехали на час. потом сразу обратно. До 5 ч. вечера ждали.",
     0,
     {"Заехали на час.", "потом сразу обратно.", "До 5 ч. вечера ждали.", NULL}},
    /* language-neutral rules */
    {"und: initials and abbreviations",
     "und",
     "Dr. Müller und В. В. Путин. Next one.",
     0,
     {"Dr. Müller und В. В. Путин.", "Next one.", NULL}},
    {"unknown language: neutral rules",
     "xx",
     "Mr. Smith left. Bye.",
     0,
     {"Mr. Smith left.", "Bye.", NULL}},
};

static int is_ws(const char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ' || (c >= 9 && c <= 13))
            i++;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] == 0xA0)
            i += 2;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80)
            i += 3;
        else if (c == 0xEF && i + 2 < n && (unsigned char)p[i + 1] == 0xBB)
            i += 3;
        else
            return 0;
    }
    return 1;
}

/* Segment, check the lossless property, return the number of sentences. */
static size_t run(pisar_segmenter *seg, const char *in, size_t len, pisar_sentence *out, size_t cap)
{
    assert_int_equal(pisar_segmenter_set_text(seg, in, len), PISAR_OK);
    size_t n = 0, pos = 0, para = 0;
    pisar_sentence s;
    int rc;
    while ((rc = pisar_segmenter_next(seg, &s)) == 1) {
        assert_true(s.start >= pos);
        assert_true(s.end > s.start);
        assert_true(s.end <= len);
        assert_true(is_ws(in + pos, s.start - pos));
        assert_true(s.paragraph >= para);
        para = s.paragraph;
        if (n < cap) out[n] = s;
        n++;
        pos = s.end;
    }
    assert_int_equal(rc, 0);
    assert_true(is_ws(in + pos, len - pos));
    return n;
}

static void test_cases(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const seg_case *k = &cases[c];
        size_t len = k->len ? k->len : strlen(k->in);
        pisar_segmenter *seg = NULL;
        assert_int_equal(pisar_segmenter_new(&seg, k->lang, NULL), PISAR_OK);
        pisar_sentence got[MAXS + 4];
        size_t n = run(seg, k->in, len, got, MAXS + 4);
        size_t want = 0;
        while (k->want[want])
            want++;
        int ok = n == want;
        for (size_t i = 0; ok && i < n; i++) {
            size_t wl = strlen(k->want[i]);
            if (!strcmp(k->desc, "NUL inside a sentence") && i == 0) wl = 9;
            ok = got[i].end - got[i].start == wl && !memcmp(k->in + got[i].start, k->want[i], wl);
        }
        if (!ok) {
            failed++;
            fprintf(stderr, "FAIL %s [%s]: got %zu sentence(s):\n", k->desc, k->lang, n);
            for (size_t i = 0; i < n && i < MAXS + 4; i++)
                fprintf(stderr, "  |%.*s|\n", (int)(got[i].end - got[i].start),
                        k->in + got[i].start);
        }
        pisar_segmenter_free(seg);
    }
    assert_int_equal(failed, 0);
}

static void test_paragraphs(void **state)
{
    (void)state;
    const char *in = "First one. Second one.\n\nThird one.\n \n\nFourth\nFifth.";
    pisar_segmenter *seg;
    assert_int_equal(pisar_segmenter_new(&seg, "en", NULL), PISAR_OK);
    pisar_sentence s[8];
    assert_int_equal(run(seg, in, strlen(in), s, 8), 5);
    assert_int_equal(s[0].paragraph, 0);
    assert_int_equal(s[1].paragraph, 0);
    assert_int_equal(s[2].paragraph, 1);
    assert_int_equal(s[3].paragraph, 2);
    assert_int_equal(s[4].paragraph, 2);
    assert_int_equal(s[2].start, 24);
    assert_int_equal(s[2].end, 34);
    /* set_text starts over */
    assert_int_equal(run(seg, "A b. C d.", 9, s, 8), 2);
    assert_int_equal(s[0].paragraph, 0);
    pisar_segmenter_free(seg);
}

/* The vectorised skip against its scalar reference, at every start offset of
 * buffers that mix plain bytes with each kind of stop byte at every lane. */
static void test_skip_plain(void **state)
{
    (void)state;
    static const unsigned char fill[] = {'a',  ' ',  0xD0, 0xBF, '.',  '!',  '?',  '\n', ')',
                                         0xC2, 0xE2, 0xE3, 0xEF, 0xE5, 0xF0, 0x80, '-',  0};
    unsigned char t[80];
    unsigned seed = 12345;
    for (int round = 0; round < 4000; round++) {
        size_t len = (size_t)(round % 80);
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly plain letters, so that whole 16-byte blocks are skipped */
            t[k] = (seed >> 16) % 4 ? (unsigned char)('a' + (seed >> 8) % 26)
                                    : fill[(seed >> 20) % (sizeof fill)];
        }
        for (size_t i = 0; i <= len; i++) {
            size_t ref = seg_skip_plain_scalar(t, i, len);
            size_t got = seg_skip_plain(t, i, len);
            /* never past a stop byte; and where it stops early, at a byte the
             * caller steps over (>= 0xE2) */
            assert_true(got <= ref);
            assert_true(got == ref || t[got] >= 0xE2);
            for (size_t k = i; k < got; k++)
                assert_false(seg_is_stop_byte(t[k]));
        }
    }
}

/* The scanner's windowed walk (64-byte windows of stop bits) against the
 * plain loop, from every offset of random texts of up to 300 bytes: it
 * stops at every byte the plain loop stops at, and elsewhere only at a byte
 * the caller steps over (>= 0xE2). */
/* The check pass's validator (AVX2 where the CPU has it) against the plain
 * utf8_valid_prefix: random mixes of ASCII, two-, three- and four-byte
 * characters and bad bytes, every length, the same offset and cut flag. */
static void test_valid_prefix(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a",
                                         " ",
                                         ".",
                                         "\xd0\x96",
                                         "\xd1\x8f",
                                         "\xc2\xab",
                                         "\xe2\x80\x94",
                                         "\xf0\x9f\x98\x80",
                                         "\x80",
                                         "\xc0\xaf",
                                         "\xed\xa0\x80",
                                         "\xd0",
                                         "\xe2\x80",
                                         "\xff"};
    unsigned seed = 12345;
    unsigned char buf[400];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        int bad_every = 1 + round % 7; /* some texts without any bad piece */
        while (n < 300) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 100;
            size_t k = r < 40   ? 3 + (r & 1)
                       : r < 70 ? 0
                       : r < 80 ? 1 + (r % 2)
                       : r < 90 ? 5 + r % 3
                                : 8 + r % 6;
            if (k >= 8 && round % bad_every) k = 3;
            size_t l = strlen(pieces[k]);
            memcpy(buf + n, pieces[k], l);
            n += l;
        }
        for (size_t len = round % 40; len <= n; len += 37) {
            int c1 = -1, c2 = -1;
            size_t a = utf8_valid_prefix_wide(buf, len, &c1);
            size_t b = utf8_valid_prefix(buf, len, &c2);
            assert_int_equal(a, b);
            assert_int_equal(c1, c2);
        }
    }
}

static void test_skip_walk(void **state)
{
    (void)state;
    static const unsigned char fill[] = {'a',  ' ',  0xD0, 0xBF, '.',  '!',  '?',  '\n', ')',
                                         0xC2, 0xE2, 0xE3, 0xEF, 0xE5, 0xF0, 0x80, '-',  0};
    unsigned char t[300];
    size_t got[300];
    unsigned seed = 777;
    for (int round = 0; round < 600; round++) {
        size_t len = (size_t)(round % 300);
        int sparse = round % 3; /* 0: stops everywhere; else mostly letters */
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            t[k] = sparse && (seed >> 16) % (sparse == 1 ? 8 : 40)
                       ? (unsigned char)('a' + (seed >> 8) % 26)
                       : fill[(seed >> 20) % (sizeof fill)];
        }
        for (size_t from = 0; from <= len; from++) {
            size_t n = seg_skip_walk(t, len, from, got, len + 1), g = 0;
            for (size_t k = from; k < len; k++) {
                if (seg_is_stop_byte(t[k])) {
                    assert_true(g < n);
                    while (g < n && got[g] < k) /* an early stop: a byte >= 0xE2 */
                        assert_true(t[got[g++]] >= 0xE2);
                    assert_true(g < n && got[g] == k);
                    g++;
                }
            }
            while (g < n)
                assert_true(t[got[g++]] >= 0xE2);
        }
    }
}

/* Paragraphs a line (issue 10): the guess, and what LINE mode does. */
static void test_line_paragraphs(void **state)
{
    (void)state;
    /* a scraped article: lines are paragraphs; one line goes on after "и" */
    const char *art = "Первый абзац. Второе предложение.\n"
                      "Министр сказал, что работа идёт и\n"
                      "что итоги будут осенью.\n"
                      "Третий абзац\n"
                      "Четвёртый абзац.\n";
    /* hard-wrapped prose: lines go on in lower case */
    const char *wrapped = "The committee met on Monday and\n"
                          "agreed that the plan needed more\n"
                          "work before it could be put to\n"
                          "a vote. Members asked for a new\n"
                          "draft by the end of the month.\n";
    assert_int_equal(pisar_segment_guess_paragraphs(art, strlen(art)), PISAR_PARAGRAPHS_LINE);
    assert_int_equal(pisar_segment_guess_paragraphs(wrapped, strlen(wrapped)),
                     PISAR_PARAGRAPHS_BLANK);
    /* chat, a message a line, typed in lower case: the lines go on in lower
     * case, but they are not full (the next word would have fitted), so
     * they are paragraphs, not wrapped prose */
    const char *chat = "anyone tried the new kernel on a thinkpad\n"
                       "yes works fine here :)\n"
                       "i get a black screen after suspend\n"
                       "did you update the firmware too\n"
                       "no, will try that tonight\n"
                       "ok let us know\n"
                       "also check the bios settings, there is an option for sleep states\n"
                       "thanks\n"
                       "brb\n"
                       "the firmware update fixed it, suspend works now\n"
                       "nice\n"
                       "i will note that on the wiki page for the next person who asks\n";
    assert_int_equal(pisar_segment_guess_paragraphs(chat, strlen(chat)), PISAR_PARAGRAPHS_LINE);
    /* the same words wrapped at 24 columns: every continued line is full */
    const char *chat_wrapped = "anyone tried the new\n"
                               "kernel on a thinkpad yes\n"
                               "works fine here i get a\n"
                               "black screen after\n"
                               "suspend did you update\n"
                               "the firmware too\n";
    assert_int_equal(pisar_segment_guess_paragraphs(chat_wrapped, strlen(chat_wrapped)),
                     PISAR_PARAGRAPHS_BLANK);
    assert_int_equal(pisar_segment_guess_paragraphs(NULL, 0), PISAR_PARAGRAPHS_BLANK);
    assert_int_equal(pisar_segment_guess_paragraphs("One line.", 9), PISAR_PARAGRAPHS_BLANK);

    pisar_segmenter *seg;
    assert_int_equal(pisar_segmenter_new(&seg, "ru", NULL), PISAR_OK);
    assert_int_equal(pisar_segmenter_set_paragraphs(seg, 7), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_set_paragraphs(NULL, PISAR_PARAGRAPHS_LINE), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_set_paragraphs(seg, PISAR_PARAGRAPHS_LINE), PISAR_OK);
    pisar_sentence s[8];
    assert_int_equal(run(seg, art, strlen(art), s, 8), 5);
    size_t want_para[5] = {0, 0, 1, 2, 3};
    for (int k = 0; k < 5; k++)
        assert_int_equal(s[k].paragraph, want_para[k]);
    /* the sentence across "и\n" is one */
    assert_memory_equal(art + s[2].start, "Министр", strlen("Министр"));
    assert_int_equal(art[s[2].end - 1], '.');
    /* "Третий абзац" has no final stop: the line ends it */
    assert_int_equal(s[3].end - s[3].start, strlen("Третий абзац"));

    /* a salutation a line of its own ends before a lower-case line, unlike a
     * clause that ends in a comma */
    const char *mail = "Hello all,\nthe permits arrive next week.\n"
                       "We met the mayor, the police chief,\nthe fire chief and others.\n";
    assert_int_equal(run(seg, mail, strlen(mail), s, 8), 3);
    assert_int_equal(s[0].end - s[0].start, strlen("Hello all,"));
    assert_memory_equal(mail + s[2].start, "We met", 6);
    assert_int_equal(mail[s[2].end - 1], '.');

    /* the line that names a quotation's author goes on in lower case */
    const char *author = "Сърце подир сърце върви.\n-- Петко Славейков\nпри една беседа\nДруго.\n";
    assert_int_equal(run(seg, author, strlen(author), s, 8), 3);
    assert_memory_equal(author + s[1].start, "-- Петко", strlen("-- Петко"));
    assert_memory_equal(author + s[1].end - strlen("беседа"), "беседа", strlen("беседа"));
    /* ... unless it ends in a full stop: a place and a date, then the
     * signature's next line */
    const char *dated = "Помнете това.\n-- Пловдив, 5 септемврий 1885 г.\nот Комитета\nДруго.\n";
    assert_int_equal(run(seg, dated, strlen(dated), s, 8), 4);
    assert_memory_equal(dated + s[1].end - strlen("1885 г."), "1885 г.", strlen("1885 г."));
    assert_memory_equal(dated + s[2].start, "от Комитета", strlen("от Комитета"));

    /* a long line that ends in lower case goes on across a dash and a
     * lower-case word; a short one before "- milk" is a list's heading */
    const char *dash = "Безплодни са напъните на слепите за истината, която се ражда, за живота, "
                       "за който да се живее\n"
                       "- ще бъде наслаждение.\nКупи\n- мляко\n";
    assert_int_equal(run(seg, dash, strlen(dash), s, 8), 3);
    assert_memory_equal(dash + s[0].end - strlen("наслаждение."), "наслаждение.",
                        strlen("наслаждение."));

    /* an emoticon "(;" ends its line as a message */
    const char *wink = "that's nothing new (;\nwc - hush.\n";
    assert_int_equal(run(seg, wink, strlen(wink), s, 8), 2);
    assert_int_equal(s[0].end - s[0].start, strlen("that's nothing new (;"));

    /* BLANK mode: one paragraph, and the headline still ends at its line */
    assert_int_equal(pisar_segmenter_set_paragraphs(seg, PISAR_PARAGRAPHS_BLANK), PISAR_OK);
    assert_int_equal(run(seg, art, strlen(art), s, 8), 5);
    for (int k = 0; k < 5; k++)
        assert_int_equal(s[k].paragraph, 0);
    pisar_segmenter_free(seg);
}

static void test_api(void **state)
{
    (void)state;
    pisar_segmenter *seg = NULL;
    pisar_sentence s;
    assert_int_equal(pisar_segmenter_new(NULL, "ru", NULL), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_new(&seg, NULL, NULL), PISAR_OK);
    assert_int_equal(pisar_segmenter_next(seg, &s), 0); /* no text yet */
    assert_int_equal(pisar_segmenter_set_text(seg, NULL, 3), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_set_text(seg, NULL, 0), PISAR_OK);
    assert_int_equal(pisar_segmenter_next(seg, &s), 0);
    assert_int_equal(pisar_segmenter_next(seg, NULL), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_next(NULL, &s), PISAR_EINVAL);
    pisar_segmenter_free(seg);
    pisar_segmenter_free(NULL);
    const char *const *codes;
    size_t n = pisar_segment_languages(&codes);
    assert_int_equal(n, 21);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(pisar_segmenter_new(&seg, codes[i], NULL), PISAR_OK);
        pisar_segmenter_free(seg);
    }
    assert_int_equal(pisar_segmenter_new(&seg, "sr-Latn", NULL), PISAR_OK);
    pisar_segmenter_free(seg);
    /* bs and sh (the language identifier's answers) take the Croatian table:
     * "god." may end a sentence in hr; language-neutral rules hold it */
    static const char text[] = "Bilo je to god. Tada smo otišli.";
    static const char *const langs[] = {"hr", "bs", "sh", "und"};
    static const int want[] = {2, 2, 2, 1};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(pisar_segmenter_new(&seg, langs[i], NULL), PISAR_OK);
        assert_int_equal(pisar_segmenter_set_text(seg, text, sizeof text - 1), PISAR_OK);
        int k = 0;
        while (pisar_segmenter_next(seg, &s) == 1)
            k++;
        assert_int_equal(k, want[i]);
        pisar_segmenter_free(seg);
    }
}

/* A larger text: every case's input glued together, many times, with a
 * bounded-window property: the sentences found in the whole are lossless. */
static void test_lossless_large(void **state)
{
    (void)state;
    pisar_buf b = {0};
    for (int r = 0; r < 50; r++)
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            size_t len = cases[c].len ? cases[c].len : strlen(cases[c].in);
            pisar_buf_append(&b, cases[c].in, len);
            pisar_buf_puts(&b, r % 3 ? " " : "\n\n");
        }
    static const char *langs[] = {"ru", "en", "de", "und"};
    for (size_t l = 0; l < 4; l++) {
        pisar_segmenter *seg;
        assert_int_equal(pisar_segmenter_new(&seg, langs[l], NULL), PISAR_OK);
        size_t n = run(seg, b.data, b.len, NULL, 0);
        assert_true(n > 50 * 60);
        pisar_segmenter_free(seg);
    }
    /* every byte value, in every position of a short window: the text is
     * refused at its first bad byte, and the valid text before it is
     * segmented losslessly */
    unsigned char all[512];
    for (int i = 0; i < 512; i++)
        all[i] = (unsigned char)(i * 7 + (i >> 8));
    pisar_segmenter *seg;
    assert_int_equal(pisar_segmenter_new(&seg, "ru", NULL), PISAR_OK);
    for (size_t cut = 0; cut < 64; cut++) {
        const char *t = (const char *)all + cut;
        pisar_error err;
        int rc = pisar_segmenter_set_text_with_errors(seg, t, 512 - cut, &err);
        assert_true(rc == PISAR_EILSEQ || rc == PISAR_ETRUNC);
        assert_true(err.offset < 512 - cut);
        run(seg, t, (size_t)err.offset, NULL, 0);
    }
    pisar_segmenter_free(seg);
    pisar_buf_free(&b);
}

/* Invalid UTF-8: refused with the offset of the first bad sequence, for
 * pisar's own rules as for any other module. */
typedef struct {
    const char *desc;
    const char *in;
    size_t len; /* 0: strlen(in) */
    int rc;
    size_t offset;
} bad_case;

static const bad_case bad_cases[] = {
    {"empty is valid", "", 0, PISAR_OK, 0},
    {"NUL is valid UTF-8", "Nul\0here. Next one.", 19, PISAR_OK, 0},
    {"a byte that is never UTF-8", "Bad \xff byte. Next one.", 0, PISAR_EILSEQ, 4},
    {"0xFE", "\xfe", 0, PISAR_EILSEQ, 0},
    {"a lone continuation byte", "Привет\x80 мир.", 0, PISAR_EILSEQ, 12},
    {"a lead byte without its continuation", "Next \xc3 one.", 0, PISAR_EILSEQ, 5},
    {"a three-byte sequence missing its last byte",
     "a\xe2\x80"
     "b.",
     0, PISAR_EILSEQ, 1},
    {"after a long ASCII run (the 8-byte path)", "abcdefghijklmnopqrstuvwxyz.\xff", 0, PISAR_EILSEQ,
     27},
    {"after Cyrillic (the 2-byte path)", "Привет, мир\xd0\x20", 0, PISAR_EILSEQ, 20},
    {"truncated two-byte character at the end", "Привет. Как\xd0", 0, PISAR_ETRUNC, 20},
    {"truncated three-byte character at the end", "Dash \xe2\x80", 0, PISAR_ETRUNC, 5},
    {"truncated four-byte character at the end", "\xf0\x9f\x98", 0, PISAR_ETRUNC, 0},
    {"overlong '/' in two bytes", "a\xc0\xaf", 0, PISAR_EILSEQ, 1},
    {"overlong in three bytes", "\xe0\x80\xaf", 0, PISAR_EILSEQ, 0},
    {"overlong in four bytes", "x\xf0\x80\x80\xaf", 0, PISAR_EILSEQ, 1},
    {"an overlong prefix at the end is invalid, not truncated", "x\xe0\x80", 0, PISAR_EILSEQ, 1},
    {"a surrogate", "\xed\xa0\x80 x", 0, PISAR_EILSEQ, 0},
    {"above U+10FFFF", "\xf4\x90\x80\x80", 0, PISAR_EILSEQ, 0},
    {"0xF5 lead byte", "ok \xf5\x80\x80\x80", 0, PISAR_EILSEQ, 3},
};

static void test_invalid_utf8(void **state)
{
    (void)state;
    pisar_segmenter *seg;
    assert_int_equal(pisar_segmenter_new(&seg, "ru", NULL), PISAR_OK);
    for (size_t c = 0; c < sizeof bad_cases / sizeof *bad_cases; c++) {
        const bad_case *k = &bad_cases[c];
        size_t len = k->len ? k->len : strlen(k->in);
        pisar_error err;
        memset(&err, 0x55, sizeof err);
        int rc = pisar_segmenter_set_text_with_errors(seg, k->in, len, &err);
        if (rc != k->rc) fprintf(stderr, "FAIL %s: rc %d, want %d\n", k->desc, rc, k->rc);
        assert_int_equal(rc, k->rc);
        /* the variant without details agrees */
        assert_int_equal(pisar_segmenter_set_text(seg, k->in, len), k->rc);
        if (rc == PISAR_OK) {
            run(seg, k->in, len, NULL, 0);
            continue;
        }
        if (err.offset != k->offset)
            fprintf(stderr, "FAIL %s: offset %llu, want %zu\n", k->desc,
                    (unsigned long long)err.offset, k->offset);
        assert_int_equal(err.offset, k->offset);
        assert_true(err.nbytes >= 1 && err.nbytes <= 4);
        assert_memory_equal(err.bytes, k->in + k->offset, err.nbytes);
        assert_non_null(strstr(err.message, rc == PISAR_ETRUNC ? "truncated" : "invalid"));
        /* refused text is not segmented */
        pisar_sentence s;
        assert_int_equal(pisar_segmenter_next(seg, &s), 0);
        /* the valid text before the bad byte still is */
        run(seg, k->in, k->offset, NULL, 0);
    }
    /* err may be NULL; a good text after a bad one works */
    assert_int_equal(pisar_segmenter_set_text_with_errors(seg, "a\xff", 2, NULL), PISAR_EILSEQ);
    pisar_sentence s[4];
    assert_int_equal(run(seg, "A b. C d.", 9, s, 4), 2);
    assert_int_equal(pisar_segmenter_set_text_with_errors(NULL, "a", 1, NULL), PISAR_EINVAL);
    assert_int_equal(pisar_segmenter_set_text_with_errors(seg, NULL, 1, NULL), PISAR_EINVAL);
    pisar_segmenter_free(seg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_api),          cmocka_unit_test(test_lossless_large),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_line_paragraphs),
        cmocka_unit_test(test_valid_prefix), cmocka_unit_test(test_skip_plain),
        cmocka_unit_test(test_skip_walk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
