import type { Localized } from './i18n';

/** A document a partner's service may request; `code` is the stable value the API uses. */
export interface DocumentType {
  code: string;
  title: Localized;
  /** The act that gives the digital document its legal force, where the service's FAQ names one. */
  legalAct?: Localized;
}

const RESOLUTION_278: Localized = {
  uk: 'постанова КМУ № 278 від 15 квітня 2020 року',
  en: 'Cabinet of Ministers Resolution No. 278 of 15 April 2020',
};

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  {
    code: 'id-card',
    title: {
      uk: 'Паспорт громадянина України у формі ID-картки',
      en: 'Passport of a citizen of Ukraine in the form of an ID card',
    },
    legalAct: RESOLUTION_278,
  },
  {
    code: 'foreign-passport',
    title: {
      uk: 'Паспорт громадянина України для виїзду за кордон (закордонний паспорт)',
      en: 'Passport of a citizen of Ukraine for travelling abroad',
    },
    legalAct: RESOLUTION_278,
  },
  {
    code: 'taxpayer-card',
    title: {
      uk: 'Картка платника податків (РНОКПП)',
      en: 'Taxpayer card (RNOKPP)',
    },
    legalAct: RESOLUTION_278,
  },
  {
    code: 'idp-certificate',
    title: {
      uk: 'Довідка про взяття на облік внутрішньо переміщеної особи (довідка ВПО)',
      en: 'Certificate of registration of an internally displaced person (IDP certificate)',
    },
    legalAct: {
      uk: 'постанова КМУ № 509 від 1 жовтня 2014 року',
      en: 'Cabinet of Ministers Resolution No. 509 of 1 October 2014',
    },
  },
  {
    code: 'birth-certificate',
    title: { uk: 'Свідоцтво про народження', en: 'Birth certificate' },
    legalAct: {
      uk: 'постанова КМУ № 911 від 23 вересня 2020 року',
      en: 'Cabinet of Ministers Resolution No. 911 of 23 September 2020',
    },
  },
  {
    code: 'student-card',
    title: { uk: 'Студентський квиток', en: 'Student card' },
    legalAct: {
      uk: 'постанова КМУ № 1051 від 18 грудня 2019 року',
      en: 'Cabinet of Ministers Resolution No. 1051 of 18 December 2019',
    },
  },
  {
    code: 'driver-license',
    title: { uk: 'Посвідчення водія', en: 'Driving licence' },
  },
  {
    code: 'vehicle-registration',
    title: {
      uk: 'Свідоцтво про реєстрацію транспортного засобу',
      en: 'Vehicle registration certificate',
    },
  },
];
