import type { components, operations } from './schema.gen';

/**
 * The API's types, generated from gateway/src/main/resources/openapi.yaml by openapi-typescript at every build: a
 * contract change that the screens do not follow fails `tsc`.
 */
type Schemas = components['schemas'];
type Json200<Op extends keyof operations> = operations[Op]['responses'] extends { 200: { content: { 'application/json': infer T } } }
  ? T
  : never;
type Json201<Op extends keyof operations> = operations[Op]['responses'] extends { 201: { content: { 'application/json': infer T } } }
  ? T
  : never;
type JsonBody<Op extends keyof operations> = operations[Op] extends { requestBody?: { content: { 'application/json': infer T } } }
  ? T
  : never;

export type Partner = Schemas['Partner'];
export type ProfileUpdate = Schemas['PartnerProfileUpdate'];
export type Offer = Schemas['Offer'];
export type OfferAcceptRequest = Schemas['OfferAcceptRequest'];
export type OfferAcceptance = Schemas['OfferAcceptance'];
export type Branch = Schemas['Branch'];
export type BranchInput = Schemas['BranchInput'];
export type Address = Schemas['Address'];
export type BranchPage = Schemas['BranchPage'];
export type Service = Schemas['Service'];
export type ServiceInput = Schemas['ServiceInput'];
export type ServicePage = Schemas['ServicePage'];
export type QrCode = Schemas['QrCode'];
export type QrStatus = QrCode['status'];
export type QrCodePage = Json200<'listQrCodes'>;
export type DocumentType = Schemas['DocumentType'];
export type DocumentTypes = Json200<'listDocumentTypes'>;
export type Challenge = Json201<'authChallenge'>;
export type LoginRequest = JsonBody<'authLogin'>;
export type LoginResponse = Json200<'authLogin'>;
export type SharePage = Json200<'listShares'>;
export type ShareItem = NonNullable<SharePage['items']>[number];
export type VerificationReport = Json200<'verifyCopy'>;
export type ResolveResponse = Json200<'resolveQr'>;
export type ShareStatus = Json200<'getShare'>;
export type DevInfo = Json200<'devInfo'>;
export type DevMailMessage = Schemas['DevMailMessage'];
export type AppToken = Json200<'devAppToken'>;
export type DevDocuments = Json200<'devDocuments'>;
