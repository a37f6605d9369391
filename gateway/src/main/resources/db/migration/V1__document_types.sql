-- The catalog of documents a partner may request. Codes are stable API values; titles are shown to citizens and
-- partners; the legal act is the one that gives the electronic document and its copy legal force (the service's FAQ).
CREATE TABLE document_type (
    code      text PRIMARY KEY CHECK (code ~ '^[a-z][a-z-]{1,40}$'),
    position  smallint NOT NULL UNIQUE,
    title_uk  text NOT NULL,
    title_en  text NOT NULL,
    legal_act text
);

INSERT INTO document_type (code, position, title_uk, title_en, legal_act) VALUES
    ('id-card', 1, 'Паспорт громадянина України у формі ID-картки', 'Ukrainian passport (ID card)',
        'Постанова КМУ № 278 від 15.04.2020'),
    ('foreign-passport', 2, 'Паспорт громадянина України для виїзду за кордон', 'Ukrainian passport for travel abroad',
        'Постанова КМУ № 278 від 15.04.2020'),
    ('taxpayer-card', 3, 'Картка платника податків (РНОКПП)', 'Taxpayer card (RNOKPP)',
        'Постанова КМУ № 278 від 15.04.2020'),
    ('idp-certificate', 4, 'Довідка про взяття на облік внутрішньо переміщеної особи',
        'Certificate of registration of an internally displaced person', 'Постанова КМУ № 509 від 01.10.2014'),
    ('birth-certificate', 5, 'Свідоцтво про народження', 'Birth certificate', 'Постанова КМУ № 911 від 23.09.2020'),
    ('student-card', 6, 'Студентський квиток', 'Student card', 'Постанова КМУ № 1051 від 18.12.2019'),
    ('driver-license', 7, 'Посвідчення водія', 'Driving licence', NULL),
    ('vehicle-registration', 8, 'Свідоцтво про реєстрацію транспортного засобу', 'Vehicle registration certificate', NULL);
