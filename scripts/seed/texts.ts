/**
 * What the demo marketplace's people write after the sale, in Polish: questions and answers in the
 * order threads, complaints (incidents), return requests, ratings and the shops' replies.
 *
 * Placeholders: `{title}` is a product of the order, `{she/he}` picks the customer's grammatical
 * gender (`{Pomyliłam/Pomyliłem}`, `{Pani/Pan}`), both filled in when the seed plans the order;
 * `{nr}` is the order's reference, filled in when the step runs (the server assigns it).
 */

export interface Conversation {
  /** The customer's question (or, for shop-first conversations, the shop's first message). */
  ask: string;
  answer: string;
  /** The customer's last word, when there is one. */
  thanks?: string;
  /** Only for shops of these categories (catalog.ts); every shop when absent. */
  categories?: string[];
}

/** Phases of an order in which its customer writes, each with what fits it. */
export type Phase = 'decision' | 'payment' | 'shipping' | 'transit' | 'pickup' | 'delivered' | 'refused' | 'canceled';

export const CONVERSATIONS: Record<Phase, Conversation[]> = {
  decision: [
    {
      ask: 'Dzień dobry, czy produkt „{title}” jest dostępny od ręki? Zależy mi na wysyłce jeszcze w tym tygodniu.',
      answer: 'Dzień dobry, tak, mamy go w magazynie. Zamówienie zaraz potwierdzimy, a paczka wyjdzie najpóźniej w ciągu dwóch dni roboczych. Pozdrawiamy!',
      thanks: 'Świetnie, dziękuję!',
    },
    {
      ask: 'Dzień dobry, czy mogę prosić o fakturę VAT zamiast paragonu? Dane firmy podam w odpowiedzi.',
      answer: 'Dzień dobry, oczywiście. Prosimy o nazwę firmy i NIP — fakturę dołączymy do paczki i wyślemy też mailem.',
      thanks: 'Dziękuję, dane firmy wyślę jeszcze dziś.',
    },
    {
      ask: 'Dzień dobry, to ma być prezent. Czy mogą Państwo nie wkładać paragonu do paczki?',
      answer: 'Dzień dobry, oczywiście. Paragon wyślemy mailem, a do paczki nic nie dołączymy. Pozdrawiamy!',
      thanks: 'Super, bardzo dziękuję!',
    },
    {
      ask: 'Czy mogę jeszcze dopisać do zamówienia {nr} drugą sztukę, żeby przyszło w jednej paczce?',
      answer: 'Dzień dobry, zamówienia nie da się już zmienić. Prosimy złożyć drugie — jeśli przyjdzie dziś, spakujemy oba razem i zwrócimy różnicę za wysyłkę.',
      thanks: 'Dobrze, tak zrobię. Dziękuję.',
    },
    {
      ask: 'Dzień dobry, czy „{title}” to nowe wydanie? Na zdjęciu okładka wygląda inaczej niż w księgarniach.',
      answer: 'Dzień dobry, tak, wysyłamy wydanie z tego roku — zdjęcie w ofercie pokazuje jeszcze poprzednią okładkę. Już je podmieniamy.',
      categories: ['książki'],
    },
    {
      ask: 'Dzień dobry, czy „{title}” ma polską instrukcję i menu po polsku?',
      answer: 'Dzień dobry, tak — instrukcja jest w języku polskim, a menu można przełączyć na polski w ustawieniach.',
      categories: ['elektronika'],
    },
  ],
  payment: [
    {
      ask: '{Zapłaciłam/Zapłaciłem} BLIK-iem wczoraj, a zamówienie {nr} dalej czeka na płatność. Czy wszystko w porządku?',
      answer: 'Dzień dobry, płatności obsługuje operator serwisu — status zmieni się sam, gdy potwierdzi wpłatę. Wyślemy od razu po jej zaksięgowaniu.',
      thanks: 'Dobrze, dziękuję za wyjaśnienie.',
    },
  ],
  shipping: [
    {
      ask: 'Dzień dobry, kiedy mniej więcej wyślą Państwo zamówienie {nr}?',
      answer: 'Dzień dobry, paczka wyjdzie najpóźniej jutro. Numer przesyłki pojawi się w zamówieniu, dostanie go {Pani/Pan} też mailem.',
      thanks: 'Dziękuję za informację!',
    },
    {
      ask: 'Czy mogę jeszcze zmienić adres dostawy? {Pomyliłam/Pomyliłem} numer mieszkania — powinno być 12.',
      answer: 'Dzień dobry, zdążyliśmy przed nadaniem — poprawiliśmy adres na etykiecie. Dziękujemy za informację!',
      thanks: 'Dziękuję bardzo!',
    },
    {
      ask: 'Dzień dobry, czy da się wysłać paczkę do paczkomatu zamiast kurierem? W ciągu dnia nie ma mnie w domu.',
      answer: 'Dzień dobry, tak — prosimy tylko o kod paczkomatu, zmienimy sposób nadania bez dopłaty.',
      thanks: 'Kod paczkomatu: WAW22A. Dziękuję!',
    },
    {
      ask: 'Dzień dobry, czy mogą Państwo dobrze zabezpieczyć paczkę? Poprzednia przesyłka z innego sklepu przyszła zgnieciona.',
      answer: 'Dzień dobry, oczywiście — pakujemy w karton z podwójną ścianką i wypełniacz. Pozdrawiamy!',
    },
  ],
  transit: [
    {
      ask: 'Dzień dobry, w śledzeniu przesyłki od dwóch dni nic się nie zmienia. Czy paczka na pewno została nadana?',
      answer: 'Dzień dobry, tak, paczka została nadana — przewoźnik ma chwilowe opóźnienia w sortowni. Jeśli jutro status się nie zmieni, prosimy o wiadomość, złożymy reklamację u przewoźnika.',
      thanks: 'Dziękuję, poczekam.',
    },
    {
      ask: 'Czy mogę przekierować paczkę na inny adres? Nie będzie mnie w domu do piątku.',
      answer: 'Dzień dobry, najprościej zrobić to w aplikacji przewoźnika, podając numer przesyłki z zamówienia. Gdyby coś nie działało, chętnie pomożemy.',
      thanks: 'Udało się, dziękuję!',
    },
  ],
  pickup: [
    {
      ask: 'Dzień dobry, do kiedy mogę odebrać paczkę? Wracam z urlopu dopiero w przyszłym tygodniu.',
      answer: 'Dzień dobry, przesyłka czeka na odbiór 7 dni. Gdyby {Pani/Pan} nie {zdążyła/zdążył}, prosimy o wiadomość — przedłużymy termin.',
      thanks: 'Dziękuję, odbiorę w poniedziałek.',
    },
  ],
  delivered: [
    {
      ask: 'Dzień dobry, czy mogę jeszcze dostać fakturę na firmę do zamówienia {nr}?',
      answer: 'Dzień dobry, tak — fakturę wystawimy do trzech miesięcy od zakupu. Prosimy o nazwę firmy i NIP.',
      thanks: 'Dziękuję, dane wyślę w osobnej wiadomości.',
    },
    {
      ask: 'Paczka dotarła, wszystko w porządku. Dziękuję za szybką wysyłkę!',
      answer: 'Dziękujemy i zapraszamy ponownie!',
    },
    {
      ask: 'Gdzie znajdę kartę gwarancyjną do zamówionego produktu („{title}”)? W paczce był tylko paragon.',
      answer: 'Dzień dobry, gwarancją jest paragon lub faktura — w razie usterki wystarczy zgłoszenie przez zamówienie. Gwarancja obowiązuje 24 miesiące.',
      thanks: 'Rozumiem, dziękuję.',
      categories: ['elektronika', 'dom i ogród', 'sport i turystyka'],
    },
    {
      ask: 'Dzień dobry, czy do produktu „{title}” jest instrukcja po polsku? W pudełku była tylko angielska.',
      answer: 'Dzień dobry, polską instrukcję w PDF wyślemy mailem jeszcze dziś. Gdyby coś było niejasne, chętnie pomożemy.',
      thanks: '{Dostałam/Dostałem}, dziękuję!',
      categories: ['elektronika', 'dom i ogród'],
    },
    {
      ask: 'Czy planują Państwo dostawę kolejnego tomu? Chętnie {zamówiłabym/zamówiłbym} od razu.',
      answer: 'Dzień dobry, kolejny tom spodziewamy się za około dwa tygodnie — warto dodać naszą ofertę do obserwowanych.',
      categories: ['książki'],
    },
    {
      ask: 'Od ilu lat jest zabawka „{title}”? Na pudełku nie ma tej informacji.',
      answer: 'Dzień dobry, producent zaleca od 3 lat — informacja jest też na spodzie pudełka, drobnym drukiem.',
      categories: ['zabawki'],
    },
    {
      ask: 'Dzień dobry, jak najlepiej czyścić produkt „{title}”?',
      answer: 'Dzień dobry, wystarczy wilgotna ściereczka i łagodny środek bez rozpuszczalników; elementy z tkaniny najlepiej prać ręcznie w 30 °C.',
      categories: ['sport i turystyka'],
    },
  ],
  refused: [
    {
      ask: 'Dlaczego zamówienie {nr} zostało odrzucone? Bardzo mi zależało na tym produkcie.',
      answer: 'Dzień dobry, bardzo przepraszamy — towar niespodziewanie się skończył. Gdy tylko wróci, oferta będzie znów aktywna.',
      thanks: 'Szkoda, ale dziękuję za odpowiedź.',
    },
  ],
  canceled: [
    {
      ask: 'Kiedy mogę się spodziewać zwrotu pieniędzy za anulowane zamówienie {nr}?',
      answer: 'Dzień dobry, jeśli płatność została pobrana, zwrot jest już zlecony — środki wrócą w ciągu 3–5 dni roboczych.',
      thanks: 'Dziękuję.',
    },
    {
      ask: 'Płatność się nie udała — czy mogę zapłacić jeszcze raz?',
      answer: 'Dzień dobry, to zamówienie zostało anulowane. Prosimy złożyć je ponownie — towar nadal jest dostępny.',
    },
  ],
};

/** The shop writes first (before shipping): the customer answers, the shop confirms. */
export const SHOP_FIRST: Conversation[] = [
  {
    ask: 'Dzień dobry, produkt „{title}” dotrze do nas z hurtowni dopiero za dwa dni robocze. Czy możemy wysłać całe zamówienie po tym terminie?',
    answer: 'Tak, mogę poczekać.',
    thanks: 'Dziękujemy za cierpliwość! Wyślemy od razu po dostawie.',
  },
  {
    ask: 'Dzień dobry, w adresie dostawy brakuje numeru mieszkania. Czy może {Pani/Pan} go podać?',
    answer: 'Przepraszam, mieszkanie 4.',
    thanks: 'Dziękujemy, adres poprawiony.',
  },
  {
    ask: 'Dzień dobry, czy możemy wysłać zamówienie innym przewoźnikiem? Wybrany ma teraz kilkudniowe opóźnienia.',
    answer: 'Tak, oczywiście, byle szybko.',
    thanks: 'Dziękujemy! Paczka wyjdzie dziś.',
  },
];

/** A customer message that needs no answer (the shop marks it so). */
export const THANKS_ONLY = 'Dziękuję, to wszystko.';

/** Follow-ups of a customer still waiting, for threads that stay unanswered. */
export const NUDGES: string[] = [
  'Czy mogę prosić o odpowiedź? Sprawa jest dla mnie pilna.',
  'Dzień dobry, ponawiam pytanie z wczoraj.',
];

// ------------------------------------------------------------------ incidents

export type IncidentReasonCode = 'NOT_RECEIVED' | 'LATE_DELIVERY' | 'DEFECTIVE' | 'NOT_AS_DESCRIBED' | 'INCOMPLETE' | 'OTHER' | 'NOT_SHIPPED_ON_TIME';

/** The complaint: the first message of the incident, by reason (and category, for defects). */
export const COMPLAINTS: Record<IncidentReasonCode, string[]> = {
  NOT_SHIPPED_ON_TIME: ['Termin wysyłki minął, a zamówienie {nr} wciąż nie zostało nadane. Proszę o informację, kiedy je wyślecie.'],
  NOT_RECEIVED: [
    'Minął już termin dostawy, a paczki dalej nie ma — w śledzeniu od kilku dni ten sam status. Proszę o sprawdzenie, co się z nią dzieje.',
    'Dzień dobry, przesyłka z zamówienia {nr} utknęła, przewoźnik nic nie wie. Proszę o pomoc albo zwrot pieniędzy.',
  ],
  LATE_DELIVERY: [
    'Paczka miała być u mnie wczoraj, a wciąż jest w sortowni. {Zamówiłam/Zamówiłem} ją na prezent — czy da się to przyspieszyć?',
    'Dostawa się opóźnia już trzeci dzień. Czy mogą Państwo interweniować u przewoźnika?',
  ],
  DEFECTIVE: [],
  NOT_AS_DESCRIBED: [
    'Produkt „{title}” różni się od opisu w ofercie: inny kolor i brak elementów widocznych na zdjęciu. Czy to pomyłka przy pakowaniu?',
    'Produkt „{title}” jest wyraźnie mniejszy, niż podano w opisie. Proszę o wyjaśnienie.',
  ],
  INCOMPLETE: [
    'W paczce zabrakło produktu „{title}” — w kartonie był tylko wypełniacz. Proszę o dosłanie.',
    'Zestaw „{title}” jest niekompletny: brakuje części wymienionych w opisie. Proszę o uzupełnienie.',
  ],
  OTHER: ['Dzień dobry, mam problem z zamówieniem {nr}: produkt „{title}” przyszedł w innym wariancie, niż {zamówiłam/zamówiłem}.'],
};

/** Defects, by shop category. */
export const DEFECTS: Record<string, string> = {
  książki: 'W egzemplarzu „{title}” brakuje stron od 97 do 128, za to kolejne są wydrukowane dwa razy. Proszę o wymianę.',
  elektronika: 'Produkt „{title}” nie działa: po całonocnym ładowaniu nie daje znaku życia. Proszę o wymianę na sprawny egzemplarz.',
  'dom i ogród': 'Produkt „{title}” dotarł uszkodzony: pęknięta obudowa i wgnieciony karton. Zdjęcia mogę dosłać.',
  zabawki: 'W zestawie „{title}” jeden element jest pęknięty, a mechanizm się zacina. Dziecko bardzo czekało na tę zabawkę — proszę o pomoc.',
  'sport i turystyka': 'Po pierwszym wyjściu w teren w produkcie „{title}” puścił szew. Proszę o rozpatrzenie reklamacji.',
};

/** The shop's first answer (the incident goes IN_PROGRESS), for goods under way or received. */
export const INCIDENT_ANSWERS = {
  transit: 'Dzień dobry, przepraszamy za opóźnienie. Zgłosiliśmy sprawę przewoźnikowi i czekamy na odpowiedź — damy znać najpóźniej jutro.',
  received: 'Dzień dobry, bardzo przepraszamy za kłopot. Prosimy o zdjęcie produktu i opakowania — od razu zajmiemy się sprawą.',
};

/** The customer adds something while the shop works on it. */
export const INCIDENT_FOLLOW_UPS = {
  transit: 'Dalej nic się nie zmieniło w śledzeniu. Czekam na informację.',
  received: 'Zdjęcia {wysłałam/wysłałem} mailem. Czekam na propozycję rozwiązania.',
};

/** The note with which the shop marks the incident resolved, by reason. */
export const RESOLUTIONS: Record<IncidentReasonCode, string> = {
  NOT_RECEIVED: 'Przewoźnik odnalazł paczkę w sortowni — jest już w drodze, doręczenie jutro.',
  LATE_DELIVERY: 'Przewoźnik potwierdził, że paczka jest już w drodze — doręczenie jutro.',
  DEFECTIVE: 'Wysłaliśmy nowy egzemplarz — numer przesyłki przyjdzie mailem. Wadliwy prosimy zatrzymać.',
  NOT_AS_DESCRIBED: 'Wymienimy produkt na zgodny z opisem — kurier odbierze błędny egzemplarz przy doręczeniu nowego.',
  INCOMPLETE: 'Brakującą część wysłaliśmy dziś osobną paczką. Jeszcze raz przepraszamy!',
  OTHER: 'Wysłaliśmy właściwy wariant, błędny kurier odbierze przy doręczeniu.',
  NOT_SHIPPED_ON_TIME: 'Zamówienie zostało dziś nadane — przepraszamy za opóźnienie.',
};

export const INCIDENT_CLOSINGS = {
  /** The customer accepts the resolution. */
  accepted: 'Wszystko dotarło i jest w porządku. Dziękuję, zamykam zgłoszenie.',
  /** The customer withdraws while the parcel is still on its way. */
  withdrawn: 'Paczka ruszyła i jest już w drodze — zamykam zgłoszenie, dziękuję.',
  /** The customer contests the resolution. */
  disputed: 'Niestety problem nie został rozwiązany. Nie zgadzam się z zamknięciem sprawy — proszę o zwrot pieniędzy.',
  /** The operator settles a dispute. */
  operator:
    'Rozpatrzyliśmy spór na podstawie zdjęć i korespondencji: sklep wymienił produkt zgodnie z regulaminem, a drugi egzemplarz przeszedł kontrolę jakości. Zamykamy zgłoszenie.',
  /** The shop settles it with the line's full value (the refund closes the incident). */
  refund: 'Bardzo przepraszamy — zwracamy pełną kwotę za ten produkt, nie trzeba go odsyłać.',
};

// ------------------------------------------------------------------ returns

export type ReturnReasonCode = 'WITHDRAWAL_NO_REASON' | 'DAMAGED_PRODUCT' | 'NOT_AS_DESCRIBED' | 'WRONG_ITEM' | 'OTHER';

export const RETURN_COMMENTS: Record<ReturnReasonCode, string[]> = {
  WITHDRAWAL_NO_REASON: [
    '{Rozmyśliłam/Rozmyśliłem} się — produkt jest nieużywany, w oryginalnym opakowaniu.',
    'Odstępuję od umowy bez podania przyczyny.',
  ],
  DAMAGED_PRODUCT: ['Produkt przyszedł z uszkodzonym opakowaniem i porysowaną obudową.'],
  NOT_AS_DESCRIBED: ['Wymiary nie zgadzają się z opisem oferty.'],
  WRONG_ITEM: ['Przyszedł inny wariant niż zamówiony — odsyłam.'],
  OTHER: ['{Dostałam/Dostałem} ten sam produkt w prezencie, więc odsyłam.'],
};

export const RETURN_REJECTIONS = {
  NOT_RETURNABLE: {
    książki: 'Zwrot nie jest możliwy: książka nosi wyraźne ślady używania (podkreślenia i zagięte strony).',
    default: 'Zwrot nie jest możliwy: produkt nosi ślady użytkowania, a regulamin przyjmuje tylko towar nieużywany.',
  },
  OTHER: 'Zgłoszony produkt nie pochodzi z tego zamówienia — prosimy o kontakt ze sprzedawcą, u którego był kupiony.',
};

// ------------------------------------------------------------------ ratings

/** Comments by grade (index 0 = grade 1). */
export const RATING_COMMENTS: string[][] = [
  [
    'Produkt uszkodzony, a reklamacja ciągnęła się tygodniami. Nie polecam.',
    'Zupełnie niezgodne z opisem. Więcej tu nie kupię.',
  ],
  [
    'Paczka doszła z opóźnieniem, a sklep długo nie odpowiadał na wiadomości.',
    'Produkt gorszej jakości, niż wynikało z opisu.',
  ],
  [
    'Przeciętnie — produkt w porządku, ale {czekałam/czekałem} prawie tydzień.',
    'Towar OK, kontakt ze sklepem mógłby być szybszy.',
  ],
  [
    'Produkt w porządku, tylko wysyłka trwała dzień dłużej, niż się {spodziewałam/spodziewałem}.',
    'Wszystko dobrze, choć opakowanie mogłoby być solidniejsze.',
    'Towar zgodny z opisem, dobry kontakt. Minus za brak faktury w paczce.',
  ],
  [
    'Wszystko super, szybka wysyłka i dobrze zapakowane. Polecam!',
    'Towar zgodny z opisem, paczka dotarła następnego dnia. Na pewno zamówię ponownie.',
    'Bardzo miły kontakt ze sklepem, wszystko zgodnie z ustaleniami.',
    'Świetny sklep, polecam z czystym sumieniem.',
    'Ekspresowa wysyłka, produkt jak na zdjęciach.',
  ],
];

export const RATING_REPLIES = {
  high: ['Dziękujemy za miłe słowa i zapraszamy ponownie!', 'Dziękujemy za zaufanie — do zobaczenia przy kolejnych zakupach!'],
  middle: [
    'Dziękujemy za opinię. Przepraszamy za opóźnienie — przewoźnik miał wtedy przestoje w sortowni, pracujemy nad szybszą wysyłką.',
    'Dziękujemy za uwagi — zmieniliśmy już sposób pakowania.',
  ],
  low: [
    'Przykro nam, że zakupy nie spełniły oczekiwań. Zachęcamy do kontaktu przez wiadomości w zamówieniu — chętnie pomożemy.',
    'Przepraszamy za kłopot. Sprawę rozpatrzyliśmy zgodnie z regulaminem, a pieniądze za wadliwy produkt zostały zwrócone.',
  ],
};

/** The two ratings a shop asks the operator to remove: one still waiting, one removed. */
export const REMOVAL_CASES = {
  requested: {
    grade: 1,
    comment: 'Banda naciągaczy!!! Omijać szerokim łukiem, obsługa to kompletne zero.',
    ground: 'RULES_VIOLATION' as const,
    explanation: 'Opinia zawiera obraźliwe określenia pod adresem sklepu i nie opisuje przebiegu transakcji — narusza regulamin ocen.',
  },
  removed: {
    grade: 1,
    comment: 'Rower przyszedł porysowany i z krzywym kołem. Nie polecam.',
    ground: 'NOT_THIS_TRANSACTION' as const,
    explanation: 'Klient opisuje rower, którego nie ma w tym zamówieniu ani w naszej ofercie — ocena dotyczy innej transakcji.',
  },
};

/** Fills `{title}` and the gendered `{she/he}` forms; `{nr}` stays for the runner. */
export function render(text: string, female: boolean, title: string): string {
  return text.replace(/\{title\}/g, title).replace(/\{([^{}/]+)\/([^{}/]+)\}/g, (_all, she: string, he: string) => (female ? she : he));
}
