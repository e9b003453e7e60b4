/**
 * RingCentral wire shapes: the JSON that crosses the HTTP boundary, for exactly the endpoints Headroom uses.
 * Names follow `rc-public-openapi.yml` (schema names in the JSDoc). Types only: the emulator and the datasource
 * both import this file and nothing else from each other.
 */

export type ExtensionStatus = "Enabled" | "Disabled" | "Frozen" | "NotActivated" | "Unassigned";

/** The subset of `AllExtensionTypesEnum` that the seeds and Headroom use; RingCentral has more. */
export type ExtensionType =
  | "User"
  | "Department"
  | "Announcement"
  | "Voicemail"
  | "DigitalUser"
  | "VirtualUser"
  | "FaxUser"
  | "PagingOnly"
  | "SharedLinesGroup"
  | "IvrMenu"
  | "ApplicationExtension"
  | "ParkLocation"
  | "Limited"
  | "Site";

/** `ContactInfo` */
export interface WireContact {
  firstName?: string;
  lastName?: string;
  name?: string;
  email?: string;
  company?: string;
  jobTitle?: string;
  department?: string;
  businessPhone?: string;
  mobilePhone?: string;
  emailAsLoginName?: boolean;
}

/** `EnumeratedPagingModel` */
export interface WirePaging {
  page?: number;
  totalPages?: number;
  perPage: number;
  totalElements?: number;
  pageStart?: number;
  pageEnd?: number;
}

/** `PageNavigationModel`: absolute URIs. */
export interface WireNavigation {
  firstPage?: { uri: string };
  nextPage?: { uri: string };
  previousPage?: { uri: string };
  lastPage?: { uri: string };
}

/** v1 list envelope (`GetExtensionListResponse`, `AccountPhoneNumbers`). */
export interface WireV1List<T> {
  uri: string;
  records: T[];
  paging: WirePaging;
  navigation: WireNavigation;
}

/** v2 list envelope (`AccountPhoneNumberList`): no navigation. */
export interface WireV2List<T> {
  records: T[];
  paging: WirePaging;
}

/** `GetExtensionListInfoResponse` / `GetExtensionInfoResponse` (the fields Headroom reads). */
export interface WireExtension {
  id: number;
  uri: string;
  extensionNumber?: string;
  name?: string;
  type: ExtensionType;
  status: ExtensionStatus;
  contact?: WireContact;
  hidden?: boolean;
  creationTime?: string;
  account?: { id: string; uri: string };
  setupWizardState?: "NotStarted" | "Incomplete" | "Completed" | "Unknown";
  permissions?: { admin: { enabled: boolean }; internationalCalling: { enabled: boolean } };
}

/** `ExtensionCreationRequest` (subset). */
export interface WireExtensionCreateRequest {
  contact?: WireContact;
  extensionNumber?: string;
  type?: ExtensionType;
  status?: ExtensionStatus;
  password?: string;
  name?: string;
}

/** `ExtensionUpdateRequest` (subset). Assigning an `Unassigned` seat = PUT with status, number and contact. */
export interface WireExtensionUpdateRequest {
  status?: Exclude<ExtensionStatus, "Unassigned">;
  extensionNumber?: string;
  contact?: WireContact;
  password?: string;
  transition?: { sendWelcomeEmailsToUsers?: boolean; sendWelcomeEmail?: boolean };
}

/** `ServiceInfo` plan references. */
export interface WireServicePlan {
  id: string;
  name: string;
  edition?: string;
}

/** `GetAccountInfoResponse` (subset). */
export interface WireAccountInfo {
  id: number;
  uri: string;
  mainNumber?: string;
  status: "Initial" | "Unconfirmed" | "Confirmed" | "Disabled";
  operator?: { id: number; uri: string; extensionNumber?: string };
  serviceInfo?: {
    uri: string;
    brand?: { id: string; name: string };
    servicePlan?: WireServicePlan;
    billingPlan?: { id: string; name: string; durationUnit?: string; duration?: number; type?: string };
  };
  regionalSettings?: Record<string, unknown>;
  setupWizardState?: string;
}

/** `AccountServiceInfo` (subset). */
export interface WireServiceInfo {
  uri: string;
  servicePlanName?: string;
  brand?: { id: string; name: string };
  servicePlan?: WireServicePlan;
  billingPlan?: {
    id: string;
    name: string;
    durationUnit?: "Day" | "Month" | "Year";
    duration?: number;
    type?: "Initial" | "Regular" | "Suspended" | "Trial" | "TrialNoCC" | "Free";
    includedPhoneLines?: number;
  };
  serviceFeatures?: { featureName: string; enabled: boolean }[];
  limits?: Record<string, number>;
}

export type PhoneNumberUsageTypeV2 =
  | "MainCompanyNumber"
  | "DirectNumber"
  | "Inventory"
  | "CompanyNumber"
  | "CompanyFaxNumber"
  | "ContactCenterNumber"
  | "PhoneLine";

/** `CompanyPhoneNumberInfo` (v1, numeric ids). */
export interface WireV1PhoneNumber {
  id: number;
  uri: string;
  phoneNumber: string;
  usageType: string;
  paymentType?: string;
  status?: string;
  type?: "VoiceFax" | "VoiceOnly" | "FaxOnly";
  primary?: boolean;
  extension?: { id: number; uri: string; extensionNumber?: string; name?: string };
}

/** `AccountPhoneNumberInfo` (v2, string ids). */
export interface WireV2PhoneNumber {
  id: string;
  phoneNumber: string;
  type?: "VoiceFax" | "VoiceOnly" | "FaxOnly";
  tollType: "Toll" | "TollFree";
  usageType: PhoneNumberUsageTypeV2;
  status: "Normal" | "Pending" | "PortedIn" | "Temporary" | "Unknown";
  byocNumber?: boolean;
  primary?: boolean;
  extension?: { id: string; extensionNumber?: string };
}

/** `AssignPhoneNumberRequest` */
export interface WireAssignPhoneNumberRequest {
  usageType: "MainCompanyNumber" | "CompanyNumber" | "DirectNumber" | "ContactCenterNumber";
  type?: "VoiceFax" | "VoiceOnly" | "FaxOnly";
  extension?: { id: string };
}

/** `TokenInfo` */
export interface WireTokenInfo {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
  owner_id: string;
  endpoint_id: string;
  session_id: string;
}

/** RingCentral's v1 error body: legacy top-level fields plus `errors[]` (`ApiErrorResponseModel`). */
export interface WireApiError {
  errorCode: string;
  message: string;
  errors: { errorCode: string; message: string; parameterName?: string; parameterValue?: string }[];
}

/** OAuth error body on /restapi/oauth/*. */
export interface WireOAuthError {
  error: string;
  error_description: string;
  errors: { errorCode: string; message: string }[];
}

/** One change in an Extension List event, in the `body.extensions[]` form RingCentral sends. */
export interface WireExtensionListChange {
  extensionId: string;
  eventType: "Create" | "Update" | "Delete";
  hints?: string[];
}

/** Notification envelope, identical for WebHook and WebSocket delivery. */
export interface WireNotification<Body = unknown> {
  uuid: string;
  event: string;
  timestamp: string;
  subscriptionId: string;
  ownerId: string;
  body: Body;
}

/**
 * Extension List event body. RingCentral's docs and own clients use `extensions[]`; the spec's
 * `ExtensionListEventBody` is flat. Consumers accept both.
 */
export type WireExtensionListEventBody =
  { extensions: WireExtensionListChange[] } | (WireExtensionListChange & { ownerId?: string });
