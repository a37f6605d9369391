import type { Lang } from './i18n';

/** The API description the gateway serves; the only API address the landing page links to. */
export const OPENAPI_URL = '/api/v1/openapi.yaml';

interface Titled {
  title: string;
  text: string;
}

/** Texts shared by every screen: header, footer, titles. */
export interface ChromeText {
  skipLink: string;
  sectionsLabel: string;
  switchTo: { lang: Lang; label: string };
  homeLink: string;
  footer: string;
  footerApi: string;
}

export interface LandingText {
  title: string;
  nav: { href: string; label: string }[];
  hero: {
    eyebrow: string;
    title: string;
    lead: string;
    primary: string;
    secondary: string;
    facts: string[];
  };
  poster: {
    label: string;
    scan: string;
    service: string;
    branch: string;
    address: string;
  };
  how: { title: string; intro: string; steps: Titled[]; principlesTitle: string; principles: Titled[] };
  who: { title: string; lead: string; points: string[] };
  start: { title: string; intro: string; steps: Titled[]; notesTitle: string; notes: Titled[] };
  documents: { title: string; intro: string; legalActLabel: string; codeLabel: string; note: string };
  copies: {
    title: string;
    intro: string;
    files: { format: string; text: string }[];
    print: string;
    verifyTitle: string;
    verify: string[];
    verifyChecks: string[];
    verifyLink: string;
  };
  developers: { title: string; text: string; link: string; errors: string };
  faq: { title: string; items: { q: string; a: string }[] };
}

export interface NotFoundText {
  title: string;
  heading: string;
  text: string;
}

export const CHROME: Record<Lang, ChromeText> = {
  uk: {
    skipLink: 'Перейти до основного вмісту',
    sectionsLabel: 'Розділи сторінки',
    switchTo: { lang: 'en', label: 'English' },
    homeLink: 'На головну',
    footer: 'qrshare — обмін копіями цифрових документів між громадянами та організаціями через QR-код.',
    footerApi: 'Опис API (OpenAPI)',
  },
  en: {
    skipLink: 'Skip to main content',
    sectionsLabel: 'Page sections',
    switchTo: { lang: 'uk', label: 'Українська' },
    homeLink: 'Go to the home page',
    footer: 'qrshare — sharing copies of digital documents between citizens and organisations via a QR code.',
    footerApi: 'API description (OpenAPI)',
  },
};

export const NOT_FOUND: Record<Lang, NotFoundText> = {
  uk: {
    title: 'Сторінку не знайдено — qrshare',
    heading: 'Сторінку не знайдено',
    text: 'Можливо, в адресі помилка або сторінку перенесено. Перевірте адресу чи поверніться на головну.',
  },
  en: {
    title: 'Page not found — qrshare',
    heading: 'Page not found',
    text: 'The address may be mistyped, or the page has moved. Check the address or go back to the home page.',
  },
};

export const LANDING: Record<Lang, LandingText> = {
  uk: {
    title: 'qrshare — обмін копіями документів через QR',
    nav: [
      { href: '#how', label: 'Як це працює' },
      { href: '#start', label: 'Підключення' },
      { href: '#documents', label: 'Документи' },
      { href: '#copies', label: 'Перевірка копій' },
      { href: '#developers', label: 'Розробникам' },
      { href: '#faq', label: 'Питання' },
    ],
    hero: {
      eyebrow: 'Для організацій і ФОП',
      title: 'Копії документів відвідувачів — за QR-кодом, без паперу',
      lead:
        'Організація запитує копії документів, відвідувач сканує її QR-код у застосунку Дія і підтверджує надсилання. ' +
        'Копії у форматі PDF разом із версіями P7S, засвідченими кваліфікованою електронною печаткою та позначкою часу, ' +
        'надходять на електронну пошту організації.',
      primary: 'Як підключитися',
      secondary: 'Які документи можна запитати',
      facts: [
        'Потрібні лише електронна пошта та КЕП керівника',
        'Жодних паперових копій',
        'QR-код діє 180 днів',
      ],
    },
    poster: {
      label: 'Приклад плаката з QR-кодом, який організація розміщує для відвідувачів',
      scan: 'Скануйте в застосунку Дія',
      service: 'Оренда автомобіля',
      branch: 'Відділення «Центральне»',
      address: 'м. Київ, вул. Хрещатик, 1',
    },
    how: {
      title: 'Як це працює',
      intro:
        'Організація розміщує QR-код там, де обслуговує відвідувачів. Коли для послуги потрібна копія документа, ' +
        'відвідувач надсилає її сам, зі свого телефона.',
      steps: [
        { title: 'Сканування', text: 'Відвідувач сканує QR-код сканером у застосунку Дія.' },
        {
          title: 'Запит',
          text: 'Застосунок показує, хто і що запитує: назву організації, відділення та його адресу, послугу і перелік документів.',
        },
        { title: 'Підтвердження', text: 'Відвідувач підтверджує надсилання копій або скасовує запит.' },
        {
          title: 'Лист з копіями',
          text: 'Організація отримує на електронну пошту один лист: копію кожного документа у PDF і її підписану версію P7S.',
        },
      ],
      principlesTitle: 'Чому це зручно і безпечно',
      principles: [
        {
          title: 'Без паперових копій',
          text:
            'Не потрібні ксерокопії, принтер і архів паперу. Якщо ваш процес поки не обходиться без паперу, ' +
            'PDF-копію можна роздрукувати.',
        },
        {
          title: 'Дані документів не зберігаються на сервері',
          text:
            'Дані надходять з телефона відвідувача, лише в зашифрованому вигляді чекають на відправлення листа і ' +
            'видаляються, щойно поштовий сервер його прийняв. Сервіс зберігає тільки відомості про надсилання: ' +
            'час, відділення, послугу, типи документів і статус доставки.',
        },
        {
          title: 'Підпис, який можна перевірити',
          text:
            'Кожна копія засвідчена кваліфікованою електронною печаткою та позначкою часу, тож будь-яку зміну файлу ' +
            'видно під час перевірки.',
        },
      ],
    },
    who: {
      title: 'Хто може підключитися',
      lead:
        'Керівник юридичної особи або фізична особа — підприємець (ФОП), що має кваліфікований електронний підпис (КЕП).',
      points: [
        'Підходить малому та середньому бізнесу, громадським організаціям, органам державної влади та місцевого самоврядування.',
        'Власна інформаційна система чи інтеграція через API не потрібні: досить електронної пошти та КЕП.',
        'До кабінету входять лише за КЕП керівника або ФОП; інші працівники не можуть створювати QR-коди.',
        'Для юридичної особи сервіс перевіряє за даними реєстру, що власник КЕП є її керівником.',
      ],
    },
    start: {
      title: 'Як почати',
      intro: 'Шість кроків у кабінеті партнера — від входу до QR-коду на стійці обслуговування.',
      steps: [
        {
          title: 'Увійдіть за допомогою КЕП',
          text: 'Кваліфікованого електронного підпису керівника організації або ФОП.',
        },
        {
          title: 'Заповніть профіль',
          text: 'Електронна пошта, на яку надходитимуть копії, телефон і паспортні дані керівника.',
        },
        {
          title: 'Підпишіть заяву про приєднання до оферти',
          text: 'Ознайомтеся з умовами публічної оферти та підпишіть заяву про приєднання тим самим КЕП, яким увійшли.',
        },
        {
          title: 'Додайте відділення',
          text:
            'Відділення — місце, де ви запитуєте документи у відвідувачів. Вкажіть його назву й адресу; ' +
            'за потреби — окрему електронну пошту для копій цього відділення.',
        },
        {
          title: 'Додайте послуги',
          text:
            'Для кожної послуги вкажіть назву, яку побачить відвідувач, перелік потрібних документів і законну ' +
            'підставу для обробки цих персональних даних.',
        },
        {
          title: 'Завантажте та розмістіть QR-код',
          text:
            'Завантажте QR-код у форматі SVG або PDF-плакат для друку і розмістіть там, де обслуговуєте відвідувачів: ' +
            'роздрукованим або на екрані.',
        },
      ],
      notesTitle: 'Варто знати',
      notes: [
        {
          title: 'QR-код діє 180 днів',
          text: 'Після закінчення строку згенеруйте в кабінеті новий код для тієї самої послуги.',
        },
        {
          title: 'Змінилася адреса — перевипустіть код',
          text:
            'QR-код містить адресу, для якої його видано. Якщо адреса відділення змінилася, відвідувач побачить ' +
            'розбіжність і може скасувати запит, а кабінет позначить код як застарілий і запропонує перевипустити його.',
        },
        {
          title: 'Зрозуміла назва послуги',
          text:
            'Назву послуги відвідувач бачить у застосунку, наприклад «Оренда автомобіля» чи «Поселення в готель». ' +
            'Можна вказати кілька назв через кому. «Укладення договору», «реєстрація клієнта» та «ідентифікація» — ' +
            'не назви послуг.',
        },
        {
          title: 'Лише з законною підставою',
          text:
            'Перш ніж обрати документи, перевірте, що маєте законні підстави для обробки цих персональних даних ' +
            'згідно із Законом України «Про захист персональних даних».',
        },
      ],
    },
    documents: {
      title: 'Які документи можна запитати',
      intro:
        'Для кожної послуги організація обирає потрібні документи з переліку. Відвідувач надсилає копії цифрових ' +
        'документів зі свого застосунку Дія.',
      legalActLabel: 'Юридична сила цифрового документа',
      codeLabel: 'Код в API',
      note:
        'Запитувати можна лише документи, для обробки яких організація має законні підстави, — тому сервіс не надсилає ' +
        'всі документи відвідувача, а тільки ті, що визначені для послуги.',
    },
    copies: {
      title: 'Що отримує організація і як перевірити копію',
      intro: 'На кожен документ — два файли, усі в одному листі на електронну пошту організації або відділення.',
      files: [
        {
          format: 'PDF',
          text:
            'Копія з даними документа, назвою організації-отримувача, відділенням і його адресою, послугою, ' +
            'ідентифікатором надсилання та часом формування.',
        },
        {
          format: 'P7S',
          text:
            'Той самий PDF, засвідчений кваліфікованою електронною печаткою сервісу з позначкою часу (підписана версія документа).',
        },
      ],
      print: 'Якщо потрібна паперова копія, PDF можна роздрукувати.',
      verifyTitle: 'Перевірка підпису',
      verify: [
        'Будь-хто, кому передали копію, може перевірити файл .p7s — не лише організація-отримувач. Перевірка показує, чи справжня печатка і чи не змінено вміст після засвідчення, і охоплює:',
        'Файл .p7s — стандартний підписаний контейнер CMS, тож його можна перевірити й незалежними засобами, наприклад openssl, із сертифікатом центру, що видав печатку сервісу.',
      ],
      verifyChecks: [
        'печатку та ланцюжок сертифікатів',
        'позначку часу — коли саме сформовано копію',
        'вміст — що PDF не змінювали після засвідчення',
      ],
      verifyLink: 'Перевірити копію',
    },
    developers: {
      title: 'Розробникам та інтеграторам',
      text:
        'Усе, що робить сервіс, — кабінет партнера, QR-коди, надсилання копій і їх перевірка — доступне через HTTP API ' +
        'з JSON. Опис API у форматі OpenAPI 3.1 можна завантажити й згенерувати з нього клієнт.',
      errors:
        'Помилки повертаються у форматі application/problem+json зі стабільним кодом (наприклад, QR_EXPIRED) і поясненням українською та англійською.',
      link: 'Опис API (OpenAPI 3.1)',
    },
    faq: {
      title: 'Питання та відповіді',
      items: [
        {
          q: 'Чи можна зробити декілька QR-кодів?',
          a:
            'Так. Кожен QR-код створюється під конкретну послугу й запитує визначений для неї перелік документів. ' +
            'Якщо для різних випадків потрібні різні документи, створіть окремі послуги.',
        },
        {
          q: 'Чи може будь-який працівник організації створити QR-код?',
          a: 'Ні. QR-код може створити лише керівник юридичної особи або фізична особа — підприємець.',
        },
        {
          q: 'Що потрібно відвідувачу?',
          a:
            'Актуальна версія застосунку Дія: у ньому є сканер QR-кодів. Якщо відсканувати код звичайною камерою, ' +
            'відкриється сторінка з підказкою зробити це в застосунку.',
        },
        {
          q: 'Де розміщувати QR-код?',
          a:
            'У місцях контакту з відвідувачами. Код можна роздрукувати або показати на екрані — головне, щоб відвідувач ' +
            'мав до нього швидкий доступ під час обслуговування.',
        },
        {
          q: 'Чому організація не може отримувати копії всіх документів відвідувача?',
          a:
            'Організація може запитувати копії лише тих документів, для обробки яких має законні підстави згідно із ' +
            'Законом України «Про захист персональних даних».',
        },
        {
          q: 'Що буде, коли закінчиться строк дії QR-коду?',
          a:
            'QR-код діє 180 днів. Після цього застосунок повідомить відвідувача, що код недійсний, а вам треба згенерувати ' +
            'новий у кабінеті.',
        },
      ],
    },
  },
  en: {
    title: 'qrshare — document copies via QR',
    nav: [
      { href: '#how', label: 'How it works' },
      { href: '#start', label: 'Getting started' },
      { href: '#documents', label: 'Documents' },
      { href: '#copies', label: 'Verifying copies' },
      { href: '#developers', label: 'Developers' },
      { href: '#faq', label: 'FAQ' },
    ],
    hero: {
      eyebrow: 'For organisations and sole proprietors',
      title: 'Copies of visitors’ documents — by QR code, without paper',
      lead:
        'An organisation requests copies of documents; the visitor scans its QR code in the Diia app and confirms. ' +
        'PDF copies, together with P7S versions bearing a qualified electronic seal and a trusted timestamp, arrive in ' +
        'the organisation’s mailbox.',
      primary: 'How to connect',
      secondary: 'Which documents can be requested',
      facts: ['All you need is an e-mail address and the head’s qualified e-signature', 'No paper copies', 'A QR code is valid for 180 days'],
    },
    poster: {
      label: 'Sample poster with the QR code an organisation places for its visitors',
      scan: 'Scan in the Diia app',
      service: 'Car rental',
      branch: 'Central branch',
      address: '1 Khreshchatyk St, Kyiv',
    },
    how: {
      title: 'How it works',
      intro:
        'The organisation places a QR code where it serves visitors. When a service needs a copy of a document, the ' +
        'visitor sends it themselves, from their own phone.',
      steps: [
        { title: 'Scan', text: 'The visitor scans the QR code with the scanner in the Diia app.' },
        {
          title: 'Request',
          text: 'The app shows who is asking for what: the organisation’s name, the branch and its address, the service and the list of documents.',
        },
        { title: 'Confirm', text: 'The visitor confirms sending the copies, or cancels the request.' },
        {
          title: 'E-mail with copies',
          text: 'The organisation receives one e-mail: a PDF copy of each document and its signed P7S version.',
        },
      ],
      principlesTitle: 'Why it is convenient and safe',
      principles: [
        {
          title: 'No paper copies',
          text:
            'No photocopies, printers or paper archives. If your process cannot do without paper yet, the PDF copy can be printed.',
        },
        {
          title: 'Document data is not stored on the server',
          text:
            'The data comes from the visitor’s phone, waits for the e-mail only in encrypted form and is erased as soon as ' +
            'the mail server accepts the message. The service keeps only a record of the delivery: time, branch, service, ' +
            'document types and delivery status.',
        },
        {
          title: 'A signature anyone can check',
          text: 'Every copy bears a qualified electronic seal and a timestamp, so any change to the file shows up on verification.',
        },
      ],
    },
    who: {
      title: 'Who can connect',
      lead: 'The head of a legal entity, or a sole proprietor (FOP), who has a qualified electronic signature (KEP).',
      points: [
        'Suits small and medium businesses, non-governmental organisations, state and local government bodies.',
        'No information system of your own and no API integration needed: an e-mail address and a KEP are enough.',
        'Only the head’s or the sole proprietor’s KEP opens the cabinet; other employees cannot create QR codes.',
        'For a legal entity, the service checks against the register that the KEP holder is its head.',
      ],
    },
    start: {
      title: 'Getting started',
      intro: 'Six steps in the partner cabinet, from logging in to a QR code at your service desk.',
      steps: [
        { title: 'Log in with your KEP', text: 'The qualified electronic signature of the organisation’s head or the sole proprietor.' },
        {
          title: 'Fill in the profile',
          text: 'The e-mail address copies will be sent to, a phone number and the head’s passport details.',
        },
        {
          title: 'Sign the offer accession',
          text: 'Read the public offer and sign the statement of accession with the same KEP you logged in with.',
        },
        {
          title: 'Add branches',
          text:
            'A branch is a place where you request documents from visitors. Give its name and address and, if needed, a ' +
            'separate e-mail address for this branch’s copies.',
        },
        {
          title: 'Add services',
          text:
            'For each service, give the name the visitor will see, the documents it needs and the legal basis for ' +
            'processing that personal data.',
        },
        {
          title: 'Download and place the QR code',
          text:
            'Download the QR code as SVG or as a printable PDF poster and place it where you serve visitors: printed or on a screen.',
        },
      ],
      notesTitle: 'Good to know',
      notes: [
        { title: 'A QR code is valid for 180 days', text: 'When it expires, generate a new code for the same service in the cabinet.' },
        {
          title: 'Address changed — reissue the code',
          text:
            'A QR code carries the address it was issued for. If the branch address changes, the visitor sees the ' +
            'discrepancy and may cancel the request, and the cabinet marks the code as outdated and offers to reissue it.',
        },
        {
          title: 'A clear service name',
          text:
            'The visitor sees the service name in the app, for example “Car rental” or “Hotel check-in”. Several names may ' +
            'be given, separated by commas. “Concluding a contract”, “client registration” and “identification” are not service names.',
        },
        {
          title: 'Only with a legal basis',
          text:
            'Before choosing documents, make sure you have a legal basis for processing that personal data under the Law of ' +
            'Ukraine “On Personal Data Protection”.',
        },
      ],
    },
    documents: {
      title: 'Which documents can be requested',
      intro:
        'For each service the organisation chooses the documents it needs from the list. The visitor sends copies of ' +
        'the digital documents from their Diia app.',
      legalActLabel: 'Legal force of the digital document',
      codeLabel: 'API code',
      note:
        'Only documents the organisation has a legal basis to process may be requested, which is why the service sends ' +
        'only the documents set for the service, not all of the visitor’s documents.',
    },
    copies: {
      title: 'What the organisation receives, and how to verify a copy',
      intro: 'Two files per document, all in one e-mail to the organisation’s or the branch’s address.',
      files: [
        {
          format: 'PDF',
          text:
            'A copy with the document’s data, the recipient organisation’s name, the branch and its address, the service, ' +
            'the share identifier and the time it was formed.',
        },
        {
          format: 'P7S',
          text: 'The same PDF with the service’s qualified electronic seal and a timestamp (the signed version of the document).',
        },
      ],
      print: 'If you need a paper copy, the PDF can be printed.',
      verifyTitle: 'Verifying the signature',
      verify: [
        'Anyone a copy is passed on to can verify the .p7s file, not only the recipient organisation. Verification shows whether the seal is genuine and whether the content has changed since it was sealed, and covers:',
        'A .p7s file is a standard CMS signed container, so it can also be checked with independent tools such as openssl, using the certificate of the authority that issued the service’s seal.',
      ],
      verifyChecks: [
        'the seal and the certificate chain',
        'the timestamp — when exactly the copy was formed',
        'the content — that the PDF has not changed since it was sealed',
      ],
      verifyLink: 'Verify a copy',
    },
    developers: {
      title: 'For developers and integrators',
      text:
        'Everything the service does — the partner cabinet, QR codes, sending copies and verifying them — is available ' +
        'through an HTTP API with JSON. Download the OpenAPI 3.1 description and generate a client from it.',
      errors:
        'Errors come as application/problem+json with a stable code (for example, QR_EXPIRED) and an explanation in Ukrainian and English.',
      link: 'API description (OpenAPI 3.1)',
    },
    faq: {
      title: 'Questions and answers',
      items: [
        {
          q: 'Can I have several QR codes?',
          a:
            'Yes. Each QR code is created for a specific service and requests the documents set for it. If different ' +
            'cases need different documents, create separate services.',
        },
        {
          q: 'Can any employee create a QR code?',
          a: 'No. Only the head of a legal entity or a sole proprietor can create a QR code.',
        },
        {
          q: 'What does the visitor need?',
          a:
            'An up-to-date Diia app, which has a QR scanner. If the code is scanned with an ordinary camera, a page opens ' +
            'that asks to scan it in the app.',
        },
        {
          q: 'Where should the QR code be placed?',
          a:
            'Wherever you meet visitors. The code can be printed or shown on a screen; what matters is that visitors can ' +
            'reach it quickly while being served.',
        },
        {
          q: 'Why can’t an organisation receive copies of all the visitor’s documents?',
          a:
            'An organisation may request copies only of documents it has a legal basis to process under the Law of ' +
            'Ukraine “On Personal Data Protection”.',
        },
        {
          q: 'What happens when a QR code expires?',
          a:
            'A QR code is valid for 180 days. After that the app tells the visitor the code is no longer valid, and you ' +
            'generate a new one in the cabinet.',
        },
      ],
    },
  },
};
