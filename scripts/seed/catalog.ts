/**
 * The demo marketplace's fixed data: Polish shops with their offers, customers, addresses and the
 * carriers each shop ships with. Everything random about an order is drawn from these lists.
 */

export interface Product {
  title: string;
  price: string;
}

export interface ShopSpec {
  name: string;
  category: string;
  returnPolicyDays: number;
  autoAccept: boolean;
  partialAcceptance: boolean;
  leadTimeToShipDays: number;
  shippingPrice: string;
  skuPrefix: string;
  /** Carrier codes from `carriers`, or a free-text carrier name (not integrated). */
  carriers: string[];
  products: Product[];
}

export const SHOPS: readonly ShopSpec[] = [
  {
    name: 'Księgarnia Pod Sową',
    category: 'książki',
    returnPolicyDays: 30,
    autoAccept: false,
    partialAcceptance: true,
    leadTimeToShipDays: 2,
    shippingPrice: '9.99',
    skuPrefix: 'KS',
    carriers: ['INPOST', 'POCZTA_POLSKA', 'ORLEN_PACZKA'],
    products: [
      { title: 'Pan Tadeusz — wydanie ilustrowane, Adam Mickiewicz', price: '49.99' },
      { title: 'Lalka, Bolesław Prus', price: '35.50' },
      { title: 'Solaris, Stanisław Lem', price: '39.90' },
      { title: 'Ostatnie życzenie. Wiedźmin, tom 1, Andrzej Sapkowski', price: '44.90' },
      { title: 'Empuzjon, Olga Tokarczuk', price: '59.90' },
      { title: 'Quo vadis, Henryk Sienkiewicz', price: '32.00' },
      { title: 'Ferdydurke, Witold Gombrowicz', price: '29.99' },
      { title: 'Chłopki. Opowieść o naszych babkach, Joanna Kuciel-Frydryszak', price: '54.99' },
      { title: 'Atlas ptaków Polski', price: '89.00' },
      { title: 'Kuchnia polska. Przepisy naszych babć', price: '64.90' },
      { title: 'Przedwiośnie, Stefan Żeromski — wydanie szkolne', price: '19.99' },
      { title: 'Zbrodnia i kara, Fiodor Dostojewski (przekład polski)', price: '42.00' },
    ],
  },
  {
    name: 'Elektro-Max',
    category: 'elektronika',
    returnPolicyDays: 14,
    autoAccept: false,
    partialAcceptance: false,
    leadTimeToShipDays: 1,
    shippingPrice: '14.99',
    skuPrefix: 'EM',
    carriers: ['DPD', 'DHL', 'UPS', 'INPOST'],
    products: [
      { title: 'Słuchawki bezprzewodowe z aktywną redukcją szumów', price: '349.00' },
      { title: 'Ładowarka sieciowa USB-C 65 W', price: '129.99' },
      { title: 'Powerbank 20 000 mAh z szybkim ładowaniem', price: '149.00' },
      { title: 'Czytnik e-booków 6", podświetlany ekran', price: '599.00' },
      { title: 'Klawiatura mechaniczna, układ polski programisty', price: '279.00' },
      { title: 'Mysz bezprzewodowa, cicha', price: '79.99' },
      { title: 'Kabel HDMI 2.1, 2 m', price: '39.90' },
      { title: 'Smartwatch z pulsometrem i GPS', price: '899.00' },
      { title: 'Głośnik Bluetooth wodoodporny', price: '219.00' },
      { title: 'Kamera internetowa Full HD z mikrofonem', price: '189.00' },
      { title: 'Router Wi-Fi 6, dwupasmowy', price: '329.00' },
    ],
  },
  {
    name: 'Dom i Ogród Wierzbowscy',
    category: 'dom i ogród',
    returnPolicyDays: 14,
    autoAccept: true,
    partialAcceptance: true,
    leadTimeToShipDays: 3,
    shippingPrice: '19.99',
    skuPrefix: 'DO',
    carriers: ['DPD', 'GLS', 'FEDEX', 'Ambro Express'],
    products: [
      { title: 'Komplet pościeli z kory 160×200', price: '139.00' },
      { title: 'Patelnia żeliwna 28 cm', price: '189.90' },
      { title: 'Zestaw noży kuchennych w bloku, 6 szt.', price: '249.00' },
      { title: 'Czajnik elektryczny 1,7 l, stal szlachetna', price: '119.00' },
      { title: 'Koc z mikrofibry 150×200, butelkowa zieleń', price: '69.99' },
      { title: 'Doniczka ceramiczna 30 cm', price: '54.00' },
      { title: 'Ekspres przelewowy do kawy', price: '299.00' },
      { title: 'Ręczniki bawełniane, komplet 4 szt.', price: '99.00' },
      { title: 'Sekator ogrodowy nożycowy', price: '74.50' },
      { title: 'Lampka nocna LED z regulacją barwy', price: '89.00' },
      { title: 'Konewka ogrodowa 10 l', price: '45.00' },
    ],
  },
  {
    name: 'Kraina Zabawek',
    category: 'zabawki',
    returnPolicyDays: 30,
    autoAccept: false,
    partialAcceptance: true,
    leadTimeToShipDays: 2,
    shippingPrice: '12.99',
    skuPrefix: 'KZ',
    carriers: ['INPOST', 'DPD', 'ORLEN_PACZKA'],
    products: [
      { title: 'Klocki konstrukcyjne — zamek rycerski, 1200 elementów', price: '229.00' },
      { title: 'Puzzle 1000 elementów — Kraków nocą', price: '49.99' },
      { title: 'Gra planszowa — Podróż po Polsce', price: '119.00' },
      { title: 'Pluszowy żubr 40 cm', price: '79.00' },
      { title: 'Drewniana kolejka z torami, 50 elementów', price: '159.00' },
      { title: 'Lalka z zestawem ubranek', price: '89.99' },
      { title: 'Zestaw małego naukowca — kryształy', price: '64.90' },
      { title: 'Samochód zdalnie sterowany 1:16', price: '139.00' },
      { title: 'Kredki ołówkowe, 48 kolorów', price: '34.99' },
      { title: 'Hulajnoga dziecięca trójkołowa', price: '199.00' },
    ],
  },
  {
    name: 'Sportowa Pasja',
    category: 'sport i turystyka',
    returnPolicyDays: 14,
    autoAccept: false,
    partialAcceptance: true,
    leadTimeToShipDays: 2,
    shippingPrice: '11.99',
    skuPrefix: 'SP',
    carriers: ['INPOST', 'GLS', 'DHL'],
    products: [
      { title: 'Mata do jogi 6 mm, antypoślizgowa', price: '89.00' },
      { title: 'Hantle winylowe 2×5 kg', price: '119.00' },
      { title: 'Bidon termiczny 750 ml', price: '59.90' },
      { title: 'Plecak turystyczny 30 l', price: '229.00' },
      { title: 'Kijki do nordic walking, regulowane', price: '149.00' },
      { title: 'Rękawiczki rowerowe żelowe', price: '49.00' },
      { title: 'Skakanka z licznikiem obrotów', price: '39.99' },
      { title: 'Latarka czołowa LED 300 lm', price: '79.00' },
      { title: 'Śpiwór puchowy do -5 °C', price: '449.00' },
    ],
  },
];

export interface Place {
  city: string;
  postalCode: string;
  street: string;
}

/** Real cities and streets with postal codes of the right form (NN-NNN) for the area. */
export const PLACES: readonly Place[] = [
  { city: 'Warszawa', postalCode: '00-624', street: 'ul. Marszałkowska' },
  { city: 'Warszawa', postalCode: '02-566', street: 'ul. Puławska' },
  { city: 'Warszawa', postalCode: '04-217', street: 'ul. Grochowska' },
  { city: 'Kraków', postalCode: '31-146', street: 'ul. Długa' },
  { city: 'Kraków', postalCode: '31-548', street: 'al. Pokoju' },
  { city: 'Łódź', postalCode: '90-430', street: 'ul. Piotrkowska' },
  { city: 'Wrocław', postalCode: '50-066', street: 'ul. Świdnicka' },
  { city: 'Wrocław', postalCode: '54-203', street: 'ul. Legnicka' },
  { city: 'Poznań', postalCode: '60-734', street: 'ul. Głogowska' },
  { city: 'Gdańsk', postalCode: '80-236', street: 'al. Grunwaldzka' },
  { city: 'Gdynia', postalCode: '81-372', street: 'ul. Świętojańska' },
  { city: 'Sopot', postalCode: '81-767', street: 'ul. Bohaterów Monte Cassino' },
  { city: 'Szczecin', postalCode: '70-471', street: 'al. Wojska Polskiego' },
  { city: 'Bydgoszcz', postalCode: '85-021', street: 'ul. Gdańska' },
  { city: 'Toruń', postalCode: '87-100', street: 'ul. Szeroka' },
  { city: 'Lublin', postalCode: '20-016', street: 'ul. Narutowicza' },
  { city: 'Białystok', postalCode: '15-424', street: 'ul. Lipowa' },
  { city: 'Katowice', postalCode: '40-014', street: 'ul. Mariacka' },
  { city: 'Gliwice', postalCode: '44-100', street: 'ul. Zwycięstwa' },
  { city: 'Częstochowa', postalCode: '42-217', street: 'al. Najświętszej Maryi Panny' },
  { city: 'Rzeszów', postalCode: '35-030', street: 'ul. 3 Maja' },
  { city: 'Kielce', postalCode: '25-002', street: 'ul. Sienkiewicza' },
  { city: 'Olsztyn', postalCode: '10-017', street: 'ul. Staromiejska' },
  { city: 'Opole', postalCode: '45-018', street: 'ul. Krakowska' },
  { city: 'Zielona Góra', postalCode: '65-058', street: 'ul. Kupiecka' },
  { city: 'Zakopane', postalCode: '34-500', street: 'ul. Krupówki' },
  { city: 'Tarnów', postalCode: '33-100', street: 'ul. Wałowa' },
  { city: 'Radom', postalCode: '26-600', street: 'ul. Żeromskiego' },
  { city: 'Nowy Sącz', postalCode: '33-300', street: 'ul. Jagiellońska' },
];

export const CUSTOMER_NAMES: readonly string[] = [
  'Anna Kowalska',
  'Piotr Nowak',
  'Katarzyna Wiśniewska',
  'Tomasz Wójcik',
  'Magdalena Kowalczyk',
  'Krzysztof Kamiński',
  'Agnieszka Lewandowska',
  'Paweł Zieliński',
  'Małgorzata Szymańska',
  'Michał Woźniak',
  'Joanna Dąbrowska',
  'Marcin Kozłowski',
  'Ewa Jankowska',
  'Łukasz Mazur',
  'Monika Kwiatkowska',
  'Jakub Krawczyk',
  'Aleksandra Piotrowska',
  'Grzegorz Grabowski',
  'Natalia Pawłowska',
  'Bartosz Michalski',
  'Zofia Nowicka',
  'Wojciech Adamczyk',
  'Karolina Dudek',
  'Mateusz Zając',
  'Dorota Wieczorek',
];

/** anna.kowalska@example.pl: e-mail addresses without Polish letters. */
export function emailOf(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return `${ascii.replace(/\s+/g, '.')}@example.pl`;
}

export const REFUSAL_REASONS: readonly string[] = [
  'Brak towaru w magazynie',
  'Produkt wycofany ze sprzedaży',
  'Błędna cena w ofercie',
  'Nie realizujemy wysyłki pod ten adres',
];

export const SELLER_CANCEL_REASONS: readonly string[] = [
  'Brak towaru w magazynie',
  'Towar uszkodzony w magazynie przed wysyłką',
  'Dostawca nie dostarczył towaru',
];

export const CUSTOMER_CANCEL_REASON = 'Klient zrezygnował z zamówienia przed wysyłką';

/** Integrated carriers (they report deliveries); everything else is followed up by the fallback timer. */
export const INTEGRATED_CARRIERS = new Set(['INPOST', 'DPD', 'DHL', 'UPS', 'POCZTA_POLSKA', 'FEDEX', 'GLS']);

/** Tracking numbers shaped like each carrier's: digits and letters drawn by `digit`/`letter`. */
export const TRACKING_FORMATS: Record<string, string> = {
  INPOST: '6#######################',
  DPD: '1###########U',
  DHL: '##########',
  UPS: '1Z@@@###68########',
  POCZTA_POLSKA: '00659#################',
  FEDEX: '7###########',
  GLS: '9##########',
  ORLEN_PACZKA: '8############',
  'Ambro Express': 'AMB#########',
};
