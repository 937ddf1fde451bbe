import { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time with offset, e.g. 2026-11-27T10:15:00.000Z. */
  DateTime: { input: string; output: string; }
  /** A decimal amount encoded as a string, e.g. "129.99". Never a float. */
  Decimal: { input: string; output: string; }
};

export type AcceptOrderInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Per-line decisions; omitted = accept every line. Every waiting line must be decided. */
  lines?: InputMaybe<Array<LineDecisionInput>>;
  orderId: Scalars['ID']['input'];
};

export type Actor = {
  __typename?: 'Actor';
  displayName: Scalars['String']['output'];
  type: ActorType;
};

export type ActorType =
  | 'CUSTOMER'
  | 'OPERATOR'
  | 'SELLER'
  | 'SYSTEM';

export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  countryCode: Scalars['String']['output'];
  name: Scalars['String']['output'];
  phone: Maybe<Scalars['String']['output']>;
  postalCode: Scalars['String']['output'];
  street: Scalars['String']['output'];
};

export type AddressInput = {
  city: Scalars['String']['input'];
  countryCode: Scalars['String']['input'];
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  postalCode: Scalars['String']['input'];
  street: Scalars['String']['input'];
};

export type AlreadyExistsError = ErrorResult & {
  __typename?: 'AlreadyExistsError';
  code: ErrorCode;
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

export type AmountExceedsRefundableError = ErrorResult & {
  __typename?: 'AmountExceedsRefundableError';
  code: ErrorCode;
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
  refundable: Money;
};

export type ApiKey = Node & {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The first characters, to recognise the key; the secret itself is never shown again. */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  role: Role;
};

export type CancelOrderInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Omitted = every line that can still be cancelled. */
  lineIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  /** Why, as a code; omitted = OTHER. Readable back as OrderLine.cancellationReason. */
  reasonCode?: InputMaybe<CancellationReason>;
};

/** Why a shop cancels lines it accepted (`CancelOrderInput.reasonCode`). */
export type CancellationReason =
  | 'ADDRESS_PROBLEM'
  | 'CUSTOMER_REQUEST'
  | 'OTHER'
  | 'OUT_OF_STOCK'
  | 'PRICE_ERROR';

export type Carrier = {
  __typename?: 'Carrier';
  code: Scalars['String']['output'];
  /** Delivery is reported by the carrier itself, so the order becomes RECEIVED without the customer. */
  integrated: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** Contains {trackingNumber}, replaced by the URL-encoded number. */
  trackingUrlTemplate: Maybe<Scalars['String']['output']>;
};

export type CreateCustomerInput = {
  displayName: Scalars['String']['input'];
  email: Scalars['String']['input'];
  /** Language of the notifications the customer gets. */
  locale?: InputMaybe<Locale>;
};

export type CreateShopInput = {
  autoAccept?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  partialAcceptance?: InputMaybe<Scalars['Boolean']['input']>;
  returnPolicyDays?: InputMaybe<Scalars['Int']['input']>;
};

export type Customer = Node & {
  __typename?: 'Customer';
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
};

/**
 * A message the platform sends the customer on the seller's behalf (e-mail through the outbox).
 * Shipment notifications carry the carrier, tracking number and tracking link.
 */
export type CustomerNotification = Node & {
  __typename?: 'CustomerNotification';
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: NotificationKind;
  locale: Locale;
  order: Maybe<Order>;
  /** Set once the mail transport accepted it. */
  sentAt: Maybe<Scalars['DateTime']['output']>;
  subject: Scalars['String']['output'];
};

export type CustomerNotificationConnection = {
  __typename?: 'CustomerNotificationConnection';
  edges: Array<CustomerNotificationEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CustomerNotificationEdge = {
  __typename?: 'CustomerNotificationEdge';
  cursor: Scalars['String']['output'];
  node: CustomerNotification;
};

/** What the seller back office shows under 'stay up to date': counts that need attention. */
export type Dashboard = {
  __typename?: 'Dashboard';
  /** Stable per audience (the shop, the customer, or the whole marketplace): a client cache normalises `viewer { dashboard }` and `dashboardChanged` into one object. */
  id: Scalars['ID']['output'];
  openIncidents: Scalars['Int']['output'];
  ordersAwaitingAcceptance: Scalars['Int']['output'];
  ordersPastShippingDeadline: Scalars['Int']['output'];
  ordersToShip: Scalars['Int']['output'];
  ratingsWithoutReply: Scalars['Int']['output'];
  returnsAwaitingDecision: Scalars['Int']['output'];
  /** Returns whose refund is overdue (`Return.refundOverdue`). */
  returnsRefundOverdue: Scalars['Int']['output'];
  threadsAwaitingReply: Scalars['Int']['output'];
  unreadThreads: Scalars['Int']['output'];
};

/** The window for this action has closed (acceptance deadline, return window, rating window). */
export type DeadlinePassedError = ErrorResult & {
  __typename?: 'DeadlinePassedError';
  code: ErrorCode;
  deadline: Scalars['DateTime']['output'];
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

export type DecideRatingRemovalInput = {
  ratingId: Scalars['ID']['input'];
  remove: Scalars['Boolean']['input'];
};

export type ErrorCode =
  | 'ALREADY_EXISTS'
  | 'AMOUNT_EXCEEDS_REFUNDABLE'
  | 'DEADLINE_PASSED'
  | 'INVALID_STATE'
  | 'NOT_FOUND'
  | 'TRACKING_REQUIRED'
  | 'VALIDATION_FAILED'
  | 'VERSION_CONFLICT';

export type ErrorResult = {
  code: ErrorCode;
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

/**
 * One entry of the durable, ordered event log. Every change a viewer may see is an Event.
 * `cursor` is totally ordered per viewer: a client that stores the last cursor it saw and passes it
 * back as `after` (to `events` or the `events` subscription) receives every later event exactly once.
 */
export type Event = Node & {
  __typename?: 'Event';
  actor: Actor;
  /** ORDER_CANCELED by cancelOrder: the shop's reason code. */
  cancellationReason: Maybe<CancellationReason>;
  cursor: Scalars['String']['output'];
  /** For state changes: the state before and after. */
  fromState: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  incident: Maybe<Incident>;
  message: Maybe<Message>;
  occurredAt: Scalars['DateTime']['output'];
  order: Maybe<Order>;
  rating: Maybe<Rating>;
  return: Maybe<Return>;
  toState: Maybe<Scalars['String']['output']>;
  type: EventType;
};

export type EventConnection = {
  __typename?: 'EventConnection';
  edges: Array<EventEdge>;
  pageInfo: PageInfo;
};

export type EventEdge = {
  __typename?: 'EventEdge';
  cursor: Scalars['String']['output'];
  node: Event;
};

export type EventType =
  | 'CUSTOMER_NOTIFIED'
  | 'INCIDENT_OPENED'
  | 'INCIDENT_UPDATED'
  | 'MESSAGE_ADDED'
  | 'ORDER_ACCEPTED'
  | 'ORDER_CANCELED'
  | 'ORDER_CLOSED'
  | 'ORDER_DELIVERED'
  | 'ORDER_PAYMENT_RECEIVED'
  | 'ORDER_PLACED'
  | 'ORDER_READY_FOR_PICKUP'
  | 'ORDER_REFUNDED'
  | 'ORDER_REFUSED'
  | 'ORDER_SHIPPED'
  | 'ORDER_TRACKING_SET'
  | 'RATING_RECEIVED'
  | 'RATING_UPDATED'
  | 'RETURN_REQUESTED'
  | 'RETURN_UPDATED';

export type Incident = Node & {
  __typename?: 'Incident';
  /** What the viewer may do now, from the same rules the mutations check. */
  availableActions: Array<IncidentAction>;
  /** While an incident is open the shop's payout for the order is blocked. */
  blocksPayout: Scalars['Boolean']['output'];
  closedAt: Maybe<Scalars['DateTime']['output']>;
  closedBy: Maybe<Actor>;
  /** Whether it counts in ShopQuality.incidentRate: false for CARRIER_FAULT and CUSTOMER_ERROR. */
  countsForQuality: Scalars['Boolean']['output'];
  firstResponseAt: Maybe<Scalars['DateTime']['output']>;
  /** 24 business hours after opening. */
  firstResponseDueAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<OrderLine>;
  openedAt: Scalars['DateTime']['output'];
  openedBy: Actor;
  order: Order;
  overdue: Scalars['Boolean']['output'];
  reason: IncidentReason;
  /** How it was settled; null until given (markIncidentResolved) or set by a refund. */
  resolution: Maybe<IncidentResolution>;
  /** 7 business days after opening. */
  resolutionDueAt: Scalars['DateTime']['output'];
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  status: IncidentStatus;
  thread: MessageThread;
  version: Scalars['Int']['output'];
};

export type IncidentAction =
  | 'CLOSE'
  | 'DISPUTE'
  | 'RESOLVE';

export type IncidentActionInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  incidentId: Scalars['ID']['input'];
  /** Optional note posted to the order's thread. */
  message?: InputMaybe<Scalars['String']['input']>;
  /** markIncidentResolved (and an operator's closeIncident): how it was settled. */
  resolution?: InputMaybe<IncidentResolution>;
};

export type IncidentConnection = {
  __typename?: 'IncidentConnection';
  edges: Array<IncidentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type IncidentEdge = {
  __typename?: 'IncidentEdge';
  cursor: Scalars['String']['output'];
  node: Incident;
};

export type IncidentFilter = {
  orderId?: InputMaybe<Scalars['ID']['input']>;
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  statuses?: InputMaybe<Array<IncidentStatus>>;
};

export type IncidentReason =
  | 'DEFECTIVE'
  | 'INCOMPLETE'
  | 'LATE_DELIVERY'
  | 'NOT_AS_DESCRIBED'
  | 'NOT_RECEIVED'
  /** Paid lines still SHIPPING after their shippingDeadline. */
  | 'NOT_SHIPPED_ON_TIME'
  | 'OTHER';

/** How an incident was settled; decides whether it counts against the shop. */
export type IncidentResolution =
  /** The carrier lost or damaged the parcel: does not count against the shop. */
  | 'CARRIER_FAULT'
  /** The customer was mistaken: does not count against the shop. */
  | 'CUSTOMER_ERROR'
  | 'OTHER'
  /** The customer got money back (also set when a refund closes the incident). */
  | 'REFUNDED'
  | 'REPAIRED'
  | 'REPLACED';

export type IncidentResult = AlreadyExistsError | Incident | InvalidStateError | NotFoundError | ValidationError | VersionConflictError;

export type IncidentStatus =
  | 'CLOSED'
  /** The customer contests the resolution; the operator decides. */
  | 'DISPUTED'
  /** The shop has answered in the order's thread. */
  | 'IN_PROGRESS'
  /** Opened, the shop has not answered yet. */
  | 'NEW'
  /** The shop marked it resolved; waiting for the customer. */
  | 'RESOLVED';

/** The entity is in a state from which this action is not allowed. */
export type InvalidStateError = ErrorResult & {
  __typename?: 'InvalidStateError';
  code: ErrorCode;
  currentState: Scalars['String']['output'];
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

export type IssueApiKeyInput = {
  /** Required for CUSTOMER. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  role: Role;
  /** Required for SELLER. */
  shopId?: InputMaybe<Scalars['ID']['input']>;
};

export type IssuedApiKey = {
  __typename?: 'IssuedApiKey';
  apiKey: ApiKey;
  /** Shown once. Sent as `Authorization: Bearer <secret>` over HTTP, or as connectionParams.authorization over WebSocket. */
  secret: Scalars['String']['output'];
};

export type LineDecisionInput = {
  accepted: Scalars['Boolean']['input'];
  lineId: Scalars['ID']['input'];
};

export type Locale =
  | 'EN'
  | 'PL';

export type Message = Node & {
  __typename?: 'Message';
  author: Actor;
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  thread: MessageThread;
};

export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

export type MessageResult = InvalidStateError | Message | NotFoundError | ValidationError;

export type MessageThread = Node & {
  __typename?: 'MessageThread';
  id: Scalars['ID']['output'];
  lastMessageAt: Maybe<Scalars['DateTime']['output']>;
  messages: MessageConnection;
  order: Maybe<Order>;
  /** The shop should answer by then: one Polish business day after the customer wrote. */
  replyDueAt: Maybe<Scalars['DateTime']['output']>;
  /** Set while a customer message waits for the shop's answer. */
  shopReplyNeededSince: Maybe<Scalars['DateTime']['output']>;
  subject: Scalars['String']['output'];
  /** Messages the viewer has not read. */
  unreadCount: Scalars['Int']['output'];
};


export type MessageThreadMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type MessageThreadConnection = {
  __typename?: 'MessageThreadConnection';
  edges: Array<MessageThreadEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MessageThreadEdge = {
  __typename?: 'MessageThreadEdge';
  cursor: Scalars['String']['output'];
  node: MessageThread;
};

export type MessageThreadFilter = {
  awaitingReply?: InputMaybe<Scalars['Boolean']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  unread?: InputMaybe<Scalars['Boolean']['input']>;
};

export type MessageThreadResult = MessageThread | NotFoundError;

export type Money = {
  __typename?: 'Money';
  amount: Scalars['Decimal']['output'];
  /** ISO-4217 code, PLN by default. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  acceptOrder: OrderResult;
  acceptReturn: ReturnResult;
  cancelOrder: OrderResult;
  cancelReturn: ReturnResult;
  closeIncident: IncidentResult;
  confirmDelivery: OrderResult;
  confirmShipment: OrderResult;
  createCustomer: Customer;
  createShop: Shop;
  decideRatingRemoval: RatingResult;
  deleteRatingReply: RatingResult;
  disputeIncident: IncidentResult;
  issueApiKey: IssuedApiKey;
  markIncidentResolved: IncidentResult;
  markNoReplyNeeded: MessageThreadResult;
  markReadyForPickup: OrderResult;
  markReturnReceived: ReturnResult;
  markThreadRead: MessageThreadResult;
  openIncident: IncidentResult;
  placeOrder: OrderResult;
  rateOrder: RatingResult;
  recordCarrierDelivery: OrderResult;
  recordPayment: OrderResult;
  refundOrder: OrderResult;
  refundReturn: ReturnResult;
  refuseOrder: OrderResult;
  rejectReturn: ReturnResult;
  replyToRating: RatingResult;
  requestRatingRemoval: RatingResult;
  requestReturn: ReturnResult;
  revokeApiKey: Maybe<ApiKey>;
  sendMessage: MessageResult;
  setReturnTracking: ReturnResult;
  setTracking: OrderResult;
  updateShopSettings: ShopResult;
};


export type MutationAcceptOrderArgs = {
  input: AcceptOrderInput;
};


export type MutationAcceptReturnArgs = {
  input: ReturnActionInput;
};


export type MutationCancelOrderArgs = {
  input: CancelOrderInput;
};


export type MutationCancelReturnArgs = {
  input: ReturnActionInput;
};


export type MutationCloseIncidentArgs = {
  input: IncidentActionInput;
};


export type MutationConfirmDeliveryArgs = {
  input: OrderActionInput;
};


export type MutationConfirmShipmentArgs = {
  input: OrderActionInput;
};


export type MutationCreateCustomerArgs = {
  input: CreateCustomerInput;
};


export type MutationCreateShopArgs = {
  input: CreateShopInput;
};


export type MutationDecideRatingRemovalArgs = {
  input: DecideRatingRemovalInput;
};


export type MutationDeleteRatingReplyArgs = {
  ratingId: Scalars['ID']['input'];
};


export type MutationDisputeIncidentArgs = {
  input: IncidentActionInput;
};


export type MutationIssueApiKeyArgs = {
  input: IssueApiKeyInput;
};


export type MutationMarkIncidentResolvedArgs = {
  input: IncidentActionInput;
};


export type MutationMarkNoReplyNeededArgs = {
  threadId: Scalars['ID']['input'];
};


export type MutationMarkReadyForPickupArgs = {
  input: OrderActionInput;
};


export type MutationMarkReturnReceivedArgs = {
  input: ReturnActionInput;
};


export type MutationMarkThreadReadArgs = {
  threadId: Scalars['ID']['input'];
};


export type MutationOpenIncidentArgs = {
  input: OpenIncidentInput;
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRateOrderArgs = {
  input: RateOrderInput;
};


export type MutationRecordCarrierDeliveryArgs = {
  input: RecordCarrierDeliveryInput;
};


export type MutationRecordPaymentArgs = {
  input: RecordPaymentInput;
};


export type MutationRefundOrderArgs = {
  input: RefundOrderInput;
};


export type MutationRefundReturnArgs = {
  input: RefundReturnInput;
};


export type MutationRefuseOrderArgs = {
  input: RefuseOrderInput;
};


export type MutationRejectReturnArgs = {
  input: RejectReturnInput;
};


export type MutationReplyToRatingArgs = {
  input: ReplyToRatingInput;
};


export type MutationRequestRatingRemovalArgs = {
  input: RequestRatingRemovalInput;
};


export type MutationRequestReturnArgs = {
  input: RequestReturnInput;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSendMessageArgs = {
  input: SendMessageInput;
};


export type MutationSetReturnTrackingArgs = {
  input: SetReturnTrackingInput;
};


export type MutationSetTrackingArgs = {
  input: SetTrackingInput;
};


export type MutationUpdateShopSettingsArgs = {
  input: UpdateShopSettingsInput;
};

/** An entity with an opaque global id. */
export type Node = {
  id: Scalars['ID']['output'];
};

export type NotFoundError = ErrorResult & {
  __typename?: 'NotFoundError';
  code: ErrorCode;
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

export type NotificationKind =
  | 'INCIDENT_UPDATED'
  | 'NEW_MESSAGE'
  | 'ORDER_ACCEPTED'
  | 'ORDER_CANCELED'
  | 'ORDER_DELIVERED'
  | 'ORDER_READY_FOR_PICKUP'
  | 'ORDER_REFUSED'
  | 'ORDER_SHIPPED'
  | 'RATING_INVITATION'
  | 'REFUND_ISSUED'
  | 'RETURN_UPDATED';

export type OpenIncidentInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Omitted = every line that can carry an incident. */
  lineIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Posted as the first message of the order's thread. */
  message: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
  reason: IncidentReason;
};

export type Order = Node & {
  __typename?: 'Order';
  /** When WAITING_ACCEPTANCE lines are refused automatically. */
  acceptanceDeadline: Maybe<Scalars['DateTime']['output']>;
  acceptedAt: Maybe<Scalars['DateTime']['output']>;
  /** What the viewer may do now; clients never hard-code the state graph. */
  availableActions: Array<OrderAction>;
  /** When the order will become CLOSED by itself; null while an incident or a return on it is open, or it is not RECEIVED. */
  closeAt: Maybe<Scalars['DateTime']['output']>;
  /** When the order became CLOSED. */
  closedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  customer: Customer;
  /** When shipped lines become RECEIVED without a report (delivery fallback); null before shipment and after receipt. */
  deliveryFallbackAt: Maybe<Scalars['DateTime']['output']>;
  hasOpenIncident: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  incidents: Array<Incident>;
  lines: Array<OrderLine>;
  /** What the platform told the customer about this order (the seller sends no status mail of its own). */
  notifications: Array<CustomerNotification>;
  /** When unpaid accepted lines of a prepaid order are canceled (placement + PAYMENT_TIMEOUT); null once paid. */
  paymentDeadline: Maybe<Scalars['DateTime']['output']>;
  paymentWorkflow: PaymentWorkflow;
  /** The lines that are neither REFUSED nor CANCELED (refunded lines included; their refunds show in refundedAmount). */
  price: Money;
  rating: Maybe<Rating>;
  receivedAt: Maybe<Scalars['DateTime']['output']>;
  /** The reference customers and sellers quote, e.g. 202611270001-A. */
  reference: Scalars['String']['output'];
  refunds: Array<Refund>;
  returns: Array<Return>;
  shippedAt: Maybe<Scalars['DateTime']['output']>;
  /** Hidden from the seller until the order is accepted. */
  shippingAddress: Maybe<Address>;
  /** Shipping must be confirmed by then; counts business days, Polish public holidays excluded. */
  shippingDeadline: Maybe<Scalars['DateTime']['output']>;
  /** The shipping price as placed. */
  shippingPrice: Money;
  /** Shipping still refundable: shippingPrice minus shippingRefunds once paid, else 0. */
  shippingRefundable: Money;
  /** Refunds of the shipping price, oldest first. */
  shippingRefunds: Array<ShippingRefund>;
  shop: Shop;
  state: OrderState;
  /** The marketplace's own label, e.g. 'Przyjęcie w toku' for WAITING_ACCEPTANCE. */
  stateLabel: Scalars['String']['output'];
  thread: Maybe<MessageThread>;
  /** Everything that happened to the order, oldest first, with who did it. */
  timeline: EventConnection;
  /** price + shippingPrice. */
  totalPrice: Money;
  tracking: Maybe<Tracking>;
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
};


export type OrderStateLabelArgs = {
  locale?: InputMaybe<Locale>;
};


export type OrderTimelineArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrderAction =
  | 'ACCEPT'
  | 'CANCEL'
  | 'CONFIRM_DELIVERY'
  | 'CONFIRM_SHIPMENT'
  | 'MARK_READY_FOR_PICKUP'
  | 'OPEN_INCIDENT'
  | 'RATE'
  | 'REFUND'
  | 'REFUSE'
  | 'REQUEST_RETURN'
  | 'SEND_MESSAGE'
  | 'SET_TRACKING';

export type OrderActionInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderFilter = {
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  hasOpenIncident?: InputMaybe<Scalars['Boolean']['input']>;
  /** Orders whose acceptance or shipping deadline has passed without the action. */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Matches the reference, product titles and the customer's name. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** OPERATOR only. */
  shopId?: InputMaybe<Scalars['ID']['input']>;
  states?: InputMaybe<Array<OrderState>>;
};

export type OrderLine = Node & {
  __typename?: 'OrderLine';
  /** Why the shop canceled the line (`cancelOrder`'s reasonCode); null unless canceled by cancelOrder. */
  cancellationReason: Maybe<CancellationReason>;
  id: Scalars['ID']['output'];
  index: Scalars['Int']['output'];
  offerSku: Scalars['String']['output'];
  price: Money;
  productTitle: Scalars['String']['output'];
  quantity: Scalars['Int']['output'];
  refundable: Money;
  refundedAmount: Money;
  state: OrderLineState;
  stateLabel: Scalars['String']['output'];
  unitPrice: Money;
};


export type OrderLineStateLabelArgs = {
  locale?: InputMaybe<Locale>;
};

export type OrderLineInput = {
  offerSku: Scalars['String']['input'];
  productTitle: Scalars['String']['input'];
  quantity: Scalars['Int']['input'];
  unitPrice: Scalars['Decimal']['input'];
};

export type OrderLineState =
  | 'CANCELED'
  | 'CLOSED'
  | 'INCIDENT_OPEN'
  | 'RECEIVED'
  | 'REFUNDED'
  | 'REFUSED'
  | 'SHIPPED'
  | 'SHIPPING'
  | 'TO_COLLECT'
  | 'WAITING_ACCEPTANCE'
  | 'WAITING_DEBIT_PAYMENT';

export type OrderResult = AmountExceedsRefundableError | DeadlinePassedError | InvalidStateError | NotFoundError | Order | TrackingRequiredError | ValidationError | VersionConflictError;

export type OrderSort = {
  direction: SortDirection;
  field: OrderSortField;
};

export type OrderSortField =
  | 'ACCEPTANCE_DEADLINE'
  | 'CREATED_AT'
  | 'SHIPPING_DEADLINE'
  | 'UPDATED_AT';

export type OrderState =
  | 'CANCELED'
  | 'CLOSED'
  | 'RECEIVED'
  /** Every line that was not refused or canceled is refunded ('Zwrócono'). */
  | 'REFUNDED'
  | 'REFUSED'
  | 'SHIPPED'
  | 'SHIPPING'
  | 'TO_COLLECT'
  | 'WAITING_ACCEPTANCE'
  | 'WAITING_DEBIT_PAYMENT';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

export type PaymentOutcome =
  | 'FAILED'
  | 'PAID';

export type PaymentWorkflow =
  /** Paid online: accepted orders wait for the debit before shipping. */
  | 'PAY_ON_ACCEPTANCE'
  /** Cash on delivery: accepted orders go straight to shipping. */
  | 'PAY_ON_DELIVERY';

export type PlaceOrderInput = {
  /** OPERATOR only: place on behalf of this customer. A CUSTOMER places for themself. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Business days the shop needs to ship after acceptance (or payment). */
  leadTimeToShipDays: Scalars['Int']['input'];
  lines: Array<OrderLineInput>;
  paymentWorkflow: PaymentWorkflow;
  shippingAddress: AddressInput;
  shippingPrice: Scalars['Decimal']['input'];
  shopId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  carriers: Array<Carrier>;
  /** The viewer's events after a cursor, oldest first: how a client catches up after being offline. */
  events: EventConnection;
  incidents: IncidentConnection;
  messageThreads: MessageThreadConnection;
  node: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  /** CUSTOMER: their own; OPERATOR: all. */
  notifications: CustomerNotificationConnection;
  order: Maybe<Order>;
  orderByReference: Maybe<Order>;
  orders: OrderConnection;
  /** Newest first. CUSTOMER: their own; SELLER: its shop's, removed ones excluded; OPERATOR: all. shopId narrows them to one shop's. */
  ratings: RatingConnection;
  /** Newest request first. CUSTOMER: their own; SELLER: its shop's; OPERATOR: all. */
  returns: ReturnConnection;
  shops: ShopConnection;
  viewer: Viewer;
};


export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<EventType>>;
};


export type QueryIncidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<IncidentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMessageThreadsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MessageThreadFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderByReferenceArgs = {
  reference: Scalars['String']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<OrderSort>;
};


export type QueryRatingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RatingFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  shopId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryReturnsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ReturnFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryShopsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RateOrderInput = {
  /** Up to 2000 characters. */
  comment?: InputMaybe<Scalars['String']['input']>;
  grade: Scalars['Int']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
};

export type Rating = Node & {
  __typename?: 'Rating';
  /** What the viewer may do now, from the same rules the mutations check. */
  availableActions: Array<RatingAction>;
  comment: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  customer: Customer;
  /** 1..5 */
  grade: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  order: Order;
  removal: RatingRemovalStatus;
  /** The shop's explanation for the operator; for the shop and operators. */
  removalExplanation: Maybe<Scalars['String']['output']>;
  /** The shop's ground for removal; for the shop and operators. */
  removalGround: Maybe<RatingRemovalGround>;
  reply: Maybe<RatingReply>;
};

export type RatingAction =
  | 'DECIDE_REMOVAL'
  | 'DELETE_REPLY'
  | 'REPLY'
  | 'REQUEST_REMOVAL';

export type RatingConnection = {
  __typename?: 'RatingConnection';
  edges: Array<RatingEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RatingEdge = {
  __typename?: 'RatingEdge';
  cursor: Scalars['String']['output'];
  node: Rating;
};

export type RatingFilter = {
  grades?: InputMaybe<Array<Scalars['Int']['input']>>;
  withoutReply?: InputMaybe<Scalars['Boolean']['input']>;
};

export type RatingRemovalGround =
  | 'CUSTOMER_REQUEST'
  | 'NOT_THIS_TRANSACTION'
  | 'RULES_VIOLATION';

export type RatingRemovalStatus =
  | 'KEPT'
  | 'NONE'
  | 'REMOVED'
  | 'REQUESTED';

export type RatingReply = {
  __typename?: 'RatingReply';
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type RatingResult = AlreadyExistsError | DeadlinePassedError | InvalidStateError | NotFoundError | Rating | ValidationError;

export type RatingSummary = {
  __typename?: 'RatingSummary';
  /** Mean grade rounded half up to two decimals; null without ratings. */
  average: Maybe<Scalars['Float']['output']>;
  count: Scalars['Int']['output'];
  /** Counts for grades 1..5, index 0 = grade 1. */
  distribution: Array<Scalars['Int']['output']>;
};

export type RecordCarrierDeliveryInput = {
  carrierCode: Scalars['String']['input'];
  deliveredAt?: InputMaybe<Scalars['DateTime']['input']>;
  trackingNumber: Scalars['String']['input'];
};

export type RecordPaymentInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
  outcome: PaymentOutcome;
};

export type Refund = Node & {
  __typename?: 'Refund';
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  line: OrderLine;
  reason: RefundReason;
};

export type RefundLineInput = {
  /** Omitted = everything still refundable on the line. */
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  lineId: Scalars['ID']['input'];
};

export type RefundOrderInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** May be empty when `shipping` is given. */
  lines: Array<RefundLineInput>;
  orderId: Scalars['ID']['input'];
  reason: RefundReason;
  /** Shipping to refund as well, at most Order.shippingRefundable. */
  shipping?: InputMaybe<Scalars['Decimal']['input']>;
};

export type RefundReason =
  | 'CUSTOMER_CANCELLED_BEFORE_SHIPPING'
  | 'DAMAGED_PRODUCT'
  | 'LATE_SHIPPING'
  | 'NOT_AS_DESCRIBED'
  | 'NOT_COLLECTED'
  | 'NOT_DELIVERED_ON_TIME'
  | 'WITHDRAWAL_NO_REASON';

export type RefundReturnInput = {
  /** Omitted = full value of the returned lines (never more than is still refundable on them). */
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  returnId: Scalars['ID']['input'];
  /** Shipping to refund with the return, at most Order.shippingRefundable. */
  shipping?: InputMaybe<Scalars['Decimal']['input']>;
};

export type RefuseOrderInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RejectReturnInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Shown to the customer; up to 2000 characters. */
  message?: InputMaybe<Scalars['String']['input']>;
  reason: ReturnRejectionReason;
  returnId: Scalars['ID']['input'];
};

export type ReplyToRatingInput = {
  /** Up to 2000 characters; replaces the earlier reply if there is one. */
  body: Scalars['String']['input'];
  ratingId: Scalars['ID']['input'];
};

export type RequestRatingRemovalInput = {
  /** For the operator who decides; up to 2000 characters. */
  explanation: Scalars['String']['input'];
  ground: RatingRemovalGround;
  ratingId: Scalars['ID']['input'];
};

export type RequestReturnInput = {
  /** Up to 2000 characters. */
  comment?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  lines: Array<ReturnLineInput>;
  orderId: Scalars['ID']['input'];
  reason: ReturnReason;
};

export type Return = Node & {
  __typename?: 'Return';
  /** What the viewer may do now, from the same rules the mutations check. */
  availableActions: Array<ReturnAction>;
  comment: Maybe<Scalars['String']['output']>;
  /** The shop should decide by then: two Polish business days after the request, same time of day. */
  decisionDueAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<ReturnLine>;
  order: Order;
  reason: ReturnReason;
  /** The refund is due by then: end of the 14th day after the request, Europe/Warsaw; null once REJECTED or CANCELED. */
  refundDueAt: Maybe<Scalars['DateTime']['output']>;
  /** refundDueAt has passed and the return is not yet REFUNDED, REJECTED or CANCELED. */
  refundOverdue: Scalars['Boolean']['output'];
  refunds: Array<Refund>;
  /** The shop's note to the customer when rejecting. */
  rejectionMessage: Maybe<Scalars['String']['output']>;
  rejectionReason: Maybe<ReturnRejectionReason>;
  requestedAt: Scalars['DateTime']['output'];
  returnTracking: Maybe<Tracking>;
  status: ReturnStatus;
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
  /** The end (23:59:59.999 Europe/Warsaw) of the last day the customer could withdraw: the date of receipt + max(14, shop.returnPolicyDays) days, moved to the next business day from a weekend or public holiday. */
  windowEndsAt: Scalars['DateTime']['output'];
};

export type ReturnAction =
  | 'ACCEPT'
  | 'CANCEL'
  | 'MARK_RECEIVED'
  | 'REFUND'
  | 'REJECT'
  | 'SET_TRACKING';

export type ReturnActionInput = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  returnId: Scalars['ID']['input'];
};

export type ReturnConnection = {
  __typename?: 'ReturnConnection';
  edges: Array<ReturnEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ReturnEdge = {
  __typename?: 'ReturnEdge';
  cursor: Scalars['String']['output'];
  node: Return;
};

export type ReturnFilter = {
  orderId?: InputMaybe<Scalars['ID']['input']>;
  statuses?: InputMaybe<Array<ReturnStatus>>;
};

export type ReturnLine = {
  __typename?: 'ReturnLine';
  line: OrderLine;
  quantity: Scalars['Int']['output'];
};

export type ReturnLineInput = {
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

export type ReturnReason =
  | 'DAMAGED_PRODUCT'
  | 'NOT_AS_DESCRIBED'
  | 'OTHER'
  | 'WITHDRAWAL_NO_REASON'
  | 'WRONG_ITEM';

export type ReturnRejectionReason =
  | 'NOT_RECEIVED_BACK'
  | 'NOT_RETURNABLE'
  | 'OTHER'
  | 'WINDOW_CLOSED';

export type ReturnResult = AmountExceedsRefundableError | DeadlinePassedError | InvalidStateError | NotFoundError | Return | ValidationError | VersionConflictError;

export type ReturnStatus =
  | 'ACCEPTED'
  | 'CANCELED'
  | 'RECEIVED'
  | 'REFUNDED'
  | 'REJECTED'
  | 'REQUESTED';

export type Role =
  | 'CUSTOMER'
  | 'OPERATOR'
  | 'SELLER';

export type SendMessageInput = {
  body: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** ...or in the thread of this order, which is created on first use. */
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** Write in this thread... */
  threadId?: InputMaybe<Scalars['ID']['input']>;
};

export type SetReturnTrackingInput = {
  /** A code from `carriers`; otherwise carrierName is required. */
  carrierCode?: InputMaybe<Scalars['String']['input']>;
  carrierName?: InputMaybe<Scalars['String']['input']>;
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  returnId: Scalars['ID']['input'];
  trackingNumber: Scalars['String']['input'];
  /** Only for carriers without a URL template. */
  trackingUrl?: InputMaybe<Scalars['String']['input']>;
};

export type SetTrackingInput = {
  /** A code from `carriers`; otherwise carrierName is required. */
  carrierCode?: InputMaybe<Scalars['String']['input']>;
  carrierName?: InputMaybe<Scalars['String']['input']>;
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
  trackingNumber: Scalars['String']['input'];
  /** Only for carriers without a URL template. */
  trackingUrl?: InputMaybe<Scalars['String']['input']>;
};

export type ShippingRefund = Node & {
  __typename?: 'ShippingRefund';
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  reason: RefundReason;
};

export type Shop = Node & {
  __typename?: 'Shop';
  autoAccept: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  partialAcceptance: Scalars['Boolean']['output'];
  /** Quality indicators over a rolling window (default 90 days), as the marketplace measures sellers. */
  quality: ShopQuality;
  ratingSummary: RatingSummary;
  /** Days after receipt during which a customer may withdraw; at least 14. */
  returnPolicyDays: Scalars['Int']['output'];
};


export type ShopQualityArgs = {
  windowDays?: InputMaybe<Scalars['Int']['input']>;
};

export type ShopConnection = {
  __typename?: 'ShopConnection';
  edges: Array<ShopEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ShopEdge = {
  __typename?: 'ShopEdge';
  cursor: Scalars['String']['output'];
  node: Shop;
};

export type ShopQuality = {
  __typename?: 'ShopQuality';
  /** Accepted lines / decided lines, 0..1. */
  acceptanceRate: Maybe<Scalars['Float']['output']>;
  /** Mean seconds from order placed to decision. */
  averageAcceptanceSeconds: Maybe<Scalars['Float']['output']>;
  averageRating: Maybe<Scalars['Float']['output']>;
  /** Mean seconds from a customer message to the shop's reply. */
  averageReplySeconds: Maybe<Scalars['Float']['output']>;
  /** Accepted orders the shop canceled lines of, not at the customer's request / accepted orders, 0..1. */
  cancellationRate: Maybe<Scalars['Float']['output']>;
  /** Orders with an incident that counts for quality / orders. */
  incidentRate: Maybe<Scalars['Float']['output']>;
  /** Orders shipped after their shipping deadline / shipped orders. */
  lateShipmentRate: Maybe<Scalars['Float']['output']>;
  ordersCount: Scalars['Int']['output'];
  /** Orders with a return / received orders. */
  returnRate: Maybe<Scalars['Float']['output']>;
  windowDays: Scalars['Int']['output'];
};

export type ShopResult = NotFoundError | Shop | ValidationError;

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  /** The viewer's dashboard counts whenever one changes. */
  dashboardChanged: Dashboard;
  /** The viewer's event log, live: events after `after` are replayed first, then new ones follow, each exactly once, in order. */
  events: Event;
  /** Incidents opened on the viewer's orders. */
  incidentOpened: Incident;
  /** Any change to an incident the viewer can see. */
  incidentUpdated: Incident;
  /** New messages in any thread the viewer takes part in (optionally one thread or one order). */
  messageAdded: Message;
  /** New orders and every state change of the viewer's orders (optionally one order). */
  orderChanged: Order;
};


export type SubscriptionDashboardChangedArgs = {
  initial?: InputMaybe<Scalars['Boolean']['input']>;
};


export type SubscriptionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  types?: InputMaybe<Array<EventType>>;
};


export type SubscriptionIncidentUpdatedArgs = {
  incidentId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionMessageAddedArgs = {
  orderId?: InputMaybe<Scalars['ID']['input']>;
  threadId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionOrderChangedArgs = {
  orderId?: InputMaybe<Scalars['ID']['input']>;
};

export type Tracking = {
  __typename?: 'Tracking';
  carrierCode: Maybe<Scalars['String']['output']>;
  carrierName: Scalars['String']['output'];
  trackingNumber: Scalars['String']['output'];
  trackingUrl: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

/** Shipment cannot be confirmed before tracking (carrier and tracking number) is set. */
export type TrackingRequiredError = ErrorResult & {
  __typename?: 'TrackingRequiredError';
  code: ErrorCode;
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

export type UpdateShopSettingsInput = {
  autoAccept?: InputMaybe<Scalars['Boolean']['input']>;
  partialAcceptance?: InputMaybe<Scalars['Boolean']['input']>;
  returnPolicyDays?: InputMaybe<Scalars['Int']['input']>;
  shopId: Scalars['ID']['input'];
};

export type ValidationError = ErrorResult & {
  __typename?: 'ValidationError';
  code: ErrorCode;
  /** Path of the offending input field, e.g. ["input", "trackingNumber"]. */
  field: Array<Scalars['String']['output']>;
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

/** `expectedVersion` did not match: someone else changed the entity first. */
export type VersionConflictError = ErrorResult & {
  __typename?: 'VersionConflictError';
  code: ErrorCode;
  currentVersion: Scalars['Int']['output'];
  /** Human-readable, in the viewer's locale. */
  message: Scalars['String']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  /** Set for CUSTOMER. */
  customer: Maybe<Customer>;
  dashboard: Dashboard;
  displayName: Scalars['String']['output'];
  role: Role;
  /** Set for SELLER. */
  shop: Maybe<Shop>;
};

type ErrorOutcome_AlreadyExistsError_Fragment = { __typename?: 'AlreadyExistsError', code: ErrorCode, message: string };

type ErrorOutcome_AmountExceedsRefundableError_Fragment = { __typename?: 'AmountExceedsRefundableError', code: ErrorCode, message: string };

type ErrorOutcome_DeadlinePassedError_Fragment = { __typename?: 'DeadlinePassedError', code: ErrorCode, message: string };

type ErrorOutcome_InvalidStateError_Fragment = { __typename?: 'InvalidStateError', code: ErrorCode, message: string };

type ErrorOutcome_NotFoundError_Fragment = { __typename?: 'NotFoundError', code: ErrorCode, message: string };

type ErrorOutcome_TrackingRequiredError_Fragment = { __typename?: 'TrackingRequiredError', code: ErrorCode, message: string };

type ErrorOutcome_ValidationError_Fragment = { __typename?: 'ValidationError', code: ErrorCode, message: string };

type ErrorOutcome_VersionConflictError_Fragment = { __typename?: 'VersionConflictError', code: ErrorCode, message: string };

export type ErrorOutcomeFragment = ErrorOutcome_AlreadyExistsError_Fragment | ErrorOutcome_AmountExceedsRefundableError_Fragment | ErrorOutcome_DeadlinePassedError_Fragment | ErrorOutcome_InvalidStateError_Fragment | ErrorOutcome_NotFoundError_Fragment | ErrorOutcome_TrackingRequiredError_Fragment | ErrorOutcome_ValidationError_Fragment | ErrorOutcome_VersionConflictError_Fragment;

export type IncidentRowFragment = { __typename?: 'Incident', id: string, version: number, status: IncidentStatus, reason: IncidentReason, openedAt: string, firstResponseDueAt: string, resolutionDueAt: string, overdue: boolean, resolution: IncidentResolution | null, availableActions: Array<IncidentAction>, order: { __typename?: 'Order', id: string, reference: string } };

export type ConsoleIncidentsQueryVariables = Exact<{
  filter?: InputMaybe<IncidentFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleIncidentsQuery = { __typename?: 'Query', incidents: { __typename?: 'IncidentConnection', totalCount: number, edges: Array<{ __typename?: 'IncidentEdge', node: { __typename?: 'Incident', id: string, version: number, status: IncidentStatus, reason: IncidentReason, openedAt: string, firstResponseDueAt: string, resolutionDueAt: string, overdue: boolean, resolution: IncidentResolution | null, availableActions: Array<IncidentAction>, order: { __typename?: 'Order', id: string, reference: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleResolveIncidentMutationVariables = Exact<{
  input: IncidentActionInput;
}>;


export type ConsoleResolveIncidentMutation = { __typename?: 'Mutation', markIncidentResolved: { __typename: 'AlreadyExistsError', code: ErrorCode, message: string } | { __typename: 'Incident', id: string, version: number, status: IncidentStatus, reason: IncidentReason, openedAt: string, firstResponseDueAt: string, resolutionDueAt: string, overdue: boolean, resolution: IncidentResolution | null, availableActions: Array<IncidentAction>, order: { __typename?: 'Order', id: string, reference: string } } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ReturnRowFragment = { __typename?: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> };

export type ConsoleReturnsQueryVariables = Exact<{
  filter?: InputMaybe<ReturnFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleReturnsQuery = { __typename?: 'Query', returns: { __typename?: 'ReturnConnection', totalCount: number, edges: Array<{ __typename?: 'ReturnEdge', node: { __typename?: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

type ReturnOutcome_AmountExceedsRefundableError_Fragment = { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string };

type ReturnOutcome_DeadlinePassedError_Fragment = { __typename: 'DeadlinePassedError', code: ErrorCode, message: string };

type ReturnOutcome_InvalidStateError_Fragment = { __typename: 'InvalidStateError', code: ErrorCode, message: string };

type ReturnOutcome_NotFoundError_Fragment = { __typename: 'NotFoundError', code: ErrorCode, message: string };

type ReturnOutcome_Return_Fragment = { __typename: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> };

type ReturnOutcome_ValidationError_Fragment = { __typename: 'ValidationError', code: ErrorCode, message: string };

type ReturnOutcome_VersionConflictError_Fragment = { __typename: 'VersionConflictError', code: ErrorCode, message: string };

export type ReturnOutcomeFragment = ReturnOutcome_AmountExceedsRefundableError_Fragment | ReturnOutcome_DeadlinePassedError_Fragment | ReturnOutcome_InvalidStateError_Fragment | ReturnOutcome_NotFoundError_Fragment | ReturnOutcome_Return_Fragment | ReturnOutcome_ValidationError_Fragment | ReturnOutcome_VersionConflictError_Fragment;

export type ConsoleAcceptReturnMutationVariables = Exact<{
  input: ReturnActionInput;
}>;


export type ConsoleAcceptReturnMutation = { __typename?: 'Mutation', acceptReturn: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> } | { __typename: 'ValidationError', code: ErrorCode, message: string } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleRejectReturnMutationVariables = Exact<{
  input: RejectReturnInput;
}>;


export type ConsoleRejectReturnMutation = { __typename?: 'Mutation', rejectReturn: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> } | { __typename: 'ValidationError', code: ErrorCode, message: string } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleMarkReturnReceivedMutationVariables = Exact<{
  input: ReturnActionInput;
}>;


export type ConsoleMarkReturnReceivedMutation = { __typename?: 'Mutation', markReturnReceived: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> } | { __typename: 'ValidationError', code: ErrorCode, message: string } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleRefundReturnMutationVariables = Exact<{
  input: RefundReturnInput;
}>;


export type ConsoleRefundReturnMutation = { __typename?: 'Mutation', refundReturn: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Return', id: string, version: number, status: ReturnStatus, reason: ReturnReason, comment: string | null, requestedAt: string, decisionDueAt: string, refundDueAt: string | null, refundOverdue: boolean, availableActions: Array<ReturnAction>, order: { __typename?: 'Order', id: string, reference: string }, lines: Array<{ __typename?: 'ReturnLine', quantity: number, line: { __typename?: 'OrderLine', productTitle: string } }> } | { __typename: 'ValidationError', code: ErrorCode, message: string } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type RatingRowFragment = { __typename?: 'Rating', id: string, grade: number, comment: string | null, createdAt: string, removal: RatingRemovalStatus, availableActions: Array<RatingAction>, customer: { __typename?: 'Customer', displayName: string }, reply: { __typename?: 'RatingReply', body: string } | null, order: { __typename?: 'Order', id: string, reference: string } };

export type ConsoleRatingsQueryVariables = Exact<{
  shopId?: InputMaybe<Scalars['ID']['input']>;
  filter?: InputMaybe<RatingFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleRatingsQuery = { __typename?: 'Query', ratings: { __typename?: 'RatingConnection', totalCount: number, edges: Array<{ __typename?: 'RatingEdge', node: { __typename?: 'Rating', id: string, grade: number, comment: string | null, createdAt: string, removal: RatingRemovalStatus, availableActions: Array<RatingAction>, customer: { __typename?: 'Customer', displayName: string }, reply: { __typename?: 'RatingReply', body: string } | null, order: { __typename?: 'Order', id: string, reference: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

type RatingOutcome_AlreadyExistsError_Fragment = { __typename: 'AlreadyExistsError', code: ErrorCode, message: string };

type RatingOutcome_DeadlinePassedError_Fragment = { __typename: 'DeadlinePassedError', code: ErrorCode, message: string };

type RatingOutcome_InvalidStateError_Fragment = { __typename: 'InvalidStateError', code: ErrorCode, message: string };

type RatingOutcome_NotFoundError_Fragment = { __typename: 'NotFoundError', code: ErrorCode, message: string };

type RatingOutcome_Rating_Fragment = { __typename: 'Rating', id: string, grade: number, comment: string | null, createdAt: string, removal: RatingRemovalStatus, availableActions: Array<RatingAction>, customer: { __typename?: 'Customer', displayName: string }, reply: { __typename?: 'RatingReply', body: string } | null, order: { __typename?: 'Order', id: string, reference: string } };

type RatingOutcome_ValidationError_Fragment = { __typename: 'ValidationError', code: ErrorCode, message: string };

export type RatingOutcomeFragment = RatingOutcome_AlreadyExistsError_Fragment | RatingOutcome_DeadlinePassedError_Fragment | RatingOutcome_InvalidStateError_Fragment | RatingOutcome_NotFoundError_Fragment | RatingOutcome_Rating_Fragment | RatingOutcome_ValidationError_Fragment;

export type ConsoleReplyToRatingMutationVariables = Exact<{
  input: ReplyToRatingInput;
}>;


export type ConsoleReplyToRatingMutation = { __typename?: 'Mutation', replyToRating: { __typename: 'AlreadyExistsError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Rating', id: string, grade: number, comment: string | null, createdAt: string, removal: RatingRemovalStatus, availableActions: Array<RatingAction>, customer: { __typename?: 'Customer', displayName: string }, reply: { __typename?: 'RatingReply', body: string } | null, order: { __typename?: 'Order', id: string, reference: string } } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type ConsoleRequestRatingRemovalMutationVariables = Exact<{
  input: RequestRatingRemovalInput;
}>;


export type ConsoleRequestRatingRemovalMutation = { __typename?: 'Mutation', requestRatingRemoval: { __typename: 'AlreadyExistsError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Rating', id: string, grade: number, comment: string | null, createdAt: string, removal: RatingRemovalStatus, availableActions: Array<RatingAction>, customer: { __typename?: 'Customer', displayName: string }, reply: { __typename?: 'RatingReply', body: string } | null, order: { __typename?: 'Order', id: string, reference: string } } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type DashboardCountsFragment = { __typename?: 'Dashboard', id: string, ordersAwaitingAcceptance: number, ordersToShip: number, ordersPastShippingDeadline: number, openIncidents: number, returnsAwaitingDecision: number, returnsRefundOverdue: number, unreadThreads: number, threadsAwaitingReply: number, ratingsWithoutReply: number };

export type ConsoleDashboardChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDashboardChangedSubscription = { __typename?: 'Subscription', dashboardChanged: { __typename?: 'Dashboard', id: string, ordersAwaitingAcceptance: number, ordersToShip: number, ordersPastShippingDeadline: number, openIncidents: number, returnsAwaitingDecision: number, returnsRefundOverdue: number, unreadThreads: number, threadsAwaitingReply: number, ratingsWithoutReply: number } };

export type ConsoleEventsSubscriptionVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
  locale: Locale;
}>;


export type ConsoleEventsSubscription = { __typename?: 'Subscription', events: { __typename?: 'Event', cursor: string, type: EventType, order: { __typename?: 'Order', id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | null, message: { __typename?: 'Message', id: string, body: string, createdAt: string, author: { __typename?: 'Actor', displayName: string, type: ActorType }, thread: { __typename?: 'MessageThread', id: string, order: { __typename?: 'Order', id: string } | null } } | null } };

export type ThreadRowFragment = { __typename?: 'MessageThread', id: string, subject: string, lastMessageAt: string | null, unreadCount: number, shopReplyNeededSince: string | null, replyDueAt: string | null, order: { __typename?: 'Order', id: string, reference: string } | null };

export type MessageItemFragment = { __typename?: 'Message', id: string, body: string, createdAt: string, author: { __typename?: 'Actor', displayName: string, type: ActorType }, thread: { __typename?: 'MessageThread', id: string, order: { __typename?: 'Order', id: string } | null } };

export type ConsoleThreadsQueryVariables = Exact<{
  filter?: InputMaybe<MessageThreadFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleThreadsQuery = { __typename?: 'Query', messageThreads: { __typename?: 'MessageThreadConnection', edges: Array<{ __typename?: 'MessageThreadEdge', node: { __typename?: 'MessageThread', id: string, subject: string, lastMessageAt: string | null, unreadCount: number, shopReplyNeededSince: string | null, replyDueAt: string | null, order: { __typename?: 'Order', id: string, reference: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleThreadQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleThreadQuery = { __typename?: 'Query', node: { __typename: 'ApiKey' } | { __typename: 'Customer' } | { __typename: 'CustomerNotification' } | { __typename: 'Event' } | { __typename: 'Incident' } | { __typename: 'Message' } | { __typename: 'MessageThread', id: string, subject: string, lastMessageAt: string | null, unreadCount: number, shopReplyNeededSince: string | null, replyDueAt: string | null, messages: { __typename?: 'MessageConnection', edges: Array<{ __typename?: 'MessageEdge', node: { __typename?: 'Message', id: string, body: string, createdAt: string, author: { __typename?: 'Actor', displayName: string, type: ActorType }, thread: { __typename?: 'MessageThread', id: string, order: { __typename?: 'Order', id: string } | null } } }> }, order: { __typename?: 'Order', id: string, reference: string } | null } | { __typename: 'Order' } | { __typename: 'OrderLine' } | { __typename: 'Rating' } | { __typename: 'Refund' } | { __typename: 'Return' } | { __typename: 'ShippingRefund' } | { __typename: 'Shop' } | null };

export type ConsoleSendMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type ConsoleSendMessageMutation = { __typename?: 'Mutation', sendMessage: { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'Message', id: string, body: string, createdAt: string, author: { __typename?: 'Actor', displayName: string, type: ActorType }, thread: { __typename?: 'MessageThread', id: string, order: { __typename?: 'Order', id: string } | null } } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string } };

export type ConsoleMarkThreadReadMutationVariables = Exact<{
  threadId: Scalars['ID']['input'];
}>;


export type ConsoleMarkThreadReadMutation = { __typename?: 'Mutation', markThreadRead: { __typename: 'MessageThread', id: string, subject: string, lastMessageAt: string | null, unreadCount: number, shopReplyNeededSince: string | null, replyDueAt: string | null, order: { __typename?: 'Order', id: string, reference: string } | null } | { __typename: 'NotFoundError' } };

export type ConsoleMarkNoReplyNeededMutationVariables = Exact<{
  threadId: Scalars['ID']['input'];
}>;


export type ConsoleMarkNoReplyNeededMutation = { __typename?: 'Mutation', markNoReplyNeeded: { __typename: 'MessageThread', id: string, subject: string, lastMessageAt: string | null, unreadCount: number, shopReplyNeededSince: string | null, replyDueAt: string | null, order: { __typename?: 'Order', id: string, reference: string } | null } | { __typename: 'NotFoundError' } };

export type ConsoleMessageAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMessageAddedSubscription = { __typename?: 'Subscription', messageAdded: { __typename?: 'Message', id: string, body: string, createdAt: string, author: { __typename?: 'Actor', displayName: string, type: ActorType }, thread: { __typename?: 'MessageThread', id: string, order: { __typename?: 'Order', id: string } | null } } };

export type OrderDetailFragment = { __typename?: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } };

export type ConsoleOrderQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  locale: Locale;
}>;


export type ConsoleOrderQuery = { __typename?: 'Query', order: { __typename?: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | null };

type OrderOutcome_AmountExceedsRefundableError_Fragment = { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string };

type OrderOutcome_DeadlinePassedError_Fragment = { __typename: 'DeadlinePassedError', code: ErrorCode, message: string };

type OrderOutcome_InvalidStateError_Fragment = { __typename: 'InvalidStateError', code: ErrorCode, message: string };

type OrderOutcome_NotFoundError_Fragment = { __typename: 'NotFoundError', code: ErrorCode, message: string };

type OrderOutcome_Order_Fragment = { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } };

type OrderOutcome_TrackingRequiredError_Fragment = { __typename: 'TrackingRequiredError', code: ErrorCode, message: string };

type OrderOutcome_ValidationError_Fragment = { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> };

type OrderOutcome_VersionConflictError_Fragment = { __typename: 'VersionConflictError', code: ErrorCode, message: string };

export type OrderOutcomeFragment = OrderOutcome_AmountExceedsRefundableError_Fragment | OrderOutcome_DeadlinePassedError_Fragment | OrderOutcome_InvalidStateError_Fragment | OrderOutcome_NotFoundError_Fragment | OrderOutcome_Order_Fragment | OrderOutcome_TrackingRequiredError_Fragment | OrderOutcome_ValidationError_Fragment | OrderOutcome_VersionConflictError_Fragment;

export type ConsoleAcceptOrderMutationVariables = Exact<{
  input: AcceptOrderInput;
  locale: Locale;
}>;


export type ConsoleAcceptOrderMutation = { __typename?: 'Mutation', acceptOrder: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleRefuseOrderMutationVariables = Exact<{
  input: RefuseOrderInput;
  locale: Locale;
}>;


export type ConsoleRefuseOrderMutation = { __typename?: 'Mutation', refuseOrder: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleSetTrackingMutationVariables = Exact<{
  input: SetTrackingInput;
  locale: Locale;
}>;


export type ConsoleSetTrackingMutation = { __typename?: 'Mutation', setTracking: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleConfirmShipmentMutationVariables = Exact<{
  input: OrderActionInput;
  locale: Locale;
}>;


export type ConsoleConfirmShipmentMutation = { __typename?: 'Mutation', confirmShipment: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleMarkReadyForPickupMutationVariables = Exact<{
  input: OrderActionInput;
  locale: Locale;
}>;


export type ConsoleMarkReadyForPickupMutation = { __typename?: 'Mutation', markReadyForPickup: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleCancelOrderMutationVariables = Exact<{
  input: CancelOrderInput;
  locale: Locale;
}>;


export type ConsoleCancelOrderMutation = { __typename?: 'Mutation', cancelOrder: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type ConsoleRefundOrderMutationVariables = Exact<{
  input: RefundOrderInput;
  locale: Locale;
}>;


export type ConsoleRefundOrderMutation = { __typename?: 'Mutation', refundOrder: { __typename: 'AmountExceedsRefundableError', code: ErrorCode, message: string } | { __typename: 'DeadlinePassedError', code: ErrorCode, message: string } | { __typename: 'InvalidStateError', code: ErrorCode, message: string } | { __typename: 'NotFoundError', code: ErrorCode, message: string } | { __typename: 'Order', version: number, availableActions: Array<OrderAction>, paymentWorkflow: PaymentWorkflow, acceptedAt: string | null, shippedAt: string | null, receivedAt: string | null, closedAt: string | null, id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, price: { __typename?: 'Money', amount: string, currency: string }, shippingPrice: { __typename?: 'Money', amount: string, currency: string }, shippingRefundable: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', id: string, index: number, offerSku: string, productTitle: string, quantity: number, state: OrderLineState, stateLabel: string, unitPrice: { __typename?: 'Money', amount: string, currency: string }, price: { __typename?: 'Money', amount: string, currency: string }, refundable: { __typename?: 'Money', amount: string, currency: string }, refundedAmount: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress: { __typename?: 'Address', name: string, street: string, postalCode: string, city: string, countryCode: string, phone: string | null } | null, tracking: { __typename?: 'Tracking', carrierName: string, trackingNumber: string, trackingUrl: string | null } | null, refunds: Array<{ __typename?: 'Refund', id: string, createdAt: string, reason: RefundReason, amount: { __typename?: 'Money', amount: string, currency: string }, line: { __typename?: 'OrderLine', productTitle: string } }>, incidents: Array<{ __typename?: 'Incident', id: string, status: IncidentStatus, reason: IncidentReason, openedAt: string }>, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: ReturnReason, requestedAt: string }>, rating: { __typename?: 'Rating', id: string, grade: number, comment: string | null, reply: { __typename?: 'RatingReply', body: string } | null } | null, thread: { __typename?: 'MessageThread', id: string } | null, timeline: { __typename?: 'EventConnection', edges: Array<{ __typename?: 'EventEdge', node: { __typename?: 'Event', id: string, type: EventType, occurredAt: string, fromState: string | null, toState: string | null, actor: { __typename?: 'Actor', displayName: string, type: ActorType } } }> }, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } | { __typename: 'TrackingRequiredError', code: ErrorCode, message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field: Array<string> } | { __typename: 'VersionConflictError', code: ErrorCode, message: string } };

export type OrderRowFragment = { __typename?: 'Order', id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } };

export type ConsoleOrdersQueryVariables = Exact<{
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  locale: Locale;
}>;


export type ConsoleOrdersQuery = { __typename?: 'Query', orders: { __typename?: 'OrderConnection', totalCount: number, edges: Array<{ __typename?: 'OrderEdge', node: { __typename?: 'Order', id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type ConsoleOrderChangedSubscriptionVariables = Exact<{
  locale: Locale;
}>;


export type ConsoleOrderChangedSubscription = { __typename?: 'Subscription', orderChanged: { __typename?: 'Order', id: string, reference: string, state: OrderState, stateLabel: string, createdAt: string, acceptanceDeadline: string | null, shippingDeadline: string | null, paymentDeadline: string | null, hasOpenIncident: boolean, customer: { __typename?: 'Customer', displayName: string }, totalPrice: { __typename?: 'Money', amount: string, currency: string }, shop: { __typename?: 'Shop', id: string } } };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', role: Role, displayName: string, shop: { __typename?: 'Shop', id: string, name: string } | null } };

export type ConsoleShopsQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleShopsQuery = { __typename?: 'Query', shops: { __typename?: 'ShopConnection', edges: Array<{ __typename?: 'ShopEdge', node: { __typename?: 'Shop', id: string, name: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCarriersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCarriersQuery = { __typename?: 'Query', carriers: Array<{ __typename?: 'Carrier', code: string, name: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const IncidentRowFragmentDoc = new TypedDocumentString(`
    fragment IncidentRow on Incident {
  id
  version
  status
  reason
  openedAt
  firstResponseDueAt
  resolutionDueAt
  overdue
  resolution
  availableActions
  order {
    id
    reference
  }
}
    `, {"fragmentName":"IncidentRow"}) as unknown as TypedDocumentString<IncidentRowFragment, unknown>;
export const ReturnRowFragmentDoc = new TypedDocumentString(`
    fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}
    `, {"fragmentName":"ReturnRow"}) as unknown as TypedDocumentString<ReturnRowFragment, unknown>;
export const ErrorOutcomeFragmentDoc = new TypedDocumentString(`
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
    `, {"fragmentName":"ErrorOutcome"}) as unknown as TypedDocumentString<ErrorOutcomeFragment, unknown>;
export const ReturnOutcomeFragmentDoc = new TypedDocumentString(`
    fragment ReturnOutcome on ReturnResult {
  __typename
  ... on Return {
    ...ReturnRow
  }
  ...ErrorOutcome
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}`, {"fragmentName":"ReturnOutcome"}) as unknown as TypedDocumentString<ReturnOutcomeFragment, unknown>;
export const RatingRowFragmentDoc = new TypedDocumentString(`
    fragment RatingRow on Rating {
  id
  grade
  comment
  createdAt
  removal
  availableActions
  customer {
    displayName
  }
  reply {
    body
  }
  order {
    id
    reference
  }
}
    `, {"fragmentName":"RatingRow"}) as unknown as TypedDocumentString<RatingRowFragment, unknown>;
export const RatingOutcomeFragmentDoc = new TypedDocumentString(`
    fragment RatingOutcome on RatingResult {
  __typename
  ... on Rating {
    ...RatingRow
  }
  ...ErrorOutcome
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment RatingRow on Rating {
  id
  grade
  comment
  createdAt
  removal
  availableActions
  customer {
    displayName
  }
  reply {
    body
  }
  order {
    id
    reference
  }
}`, {"fragmentName":"RatingOutcome"}) as unknown as TypedDocumentString<RatingOutcomeFragment, unknown>;
export const DashboardCountsFragmentDoc = new TypedDocumentString(`
    fragment DashboardCounts on Dashboard {
  id
  ordersAwaitingAcceptance
  ordersToShip
  ordersPastShippingDeadline
  openIncidents
  returnsAwaitingDecision
  returnsRefundOverdue
  unreadThreads
  threadsAwaitingReply
  ratingsWithoutReply
}
    `, {"fragmentName":"DashboardCounts"}) as unknown as TypedDocumentString<DashboardCountsFragment, unknown>;
export const ThreadRowFragmentDoc = new TypedDocumentString(`
    fragment ThreadRow on MessageThread {
  id
  subject
  lastMessageAt
  unreadCount
  shopReplyNeededSince
  replyDueAt
  order {
    id
    reference
  }
}
    `, {"fragmentName":"ThreadRow"}) as unknown as TypedDocumentString<ThreadRowFragment, unknown>;
export const MessageItemFragmentDoc = new TypedDocumentString(`
    fragment MessageItem on Message {
  id
  body
  createdAt
  author {
    displayName
    type
  }
  thread {
    id
    order {
      id
    }
  }
}
    `, {"fragmentName":"MessageItem"}) as unknown as TypedDocumentString<MessageItemFragment, unknown>;
export const OrderRowFragmentDoc = new TypedDocumentString(`
    fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}
    `, {"fragmentName":"OrderRow"}) as unknown as TypedDocumentString<OrderRowFragment, unknown>;
export const OrderDetailFragmentDoc = new TypedDocumentString(`
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
    fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`, {"fragmentName":"OrderDetail"}) as unknown as TypedDocumentString<OrderDetailFragment, unknown>;
export const OrderOutcomeFragmentDoc = new TypedDocumentString(`
    fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`, {"fragmentName":"OrderOutcome"}) as unknown as TypedDocumentString<OrderOutcomeFragment, unknown>;
export const ConsoleIncidentsDocument = new TypedDocumentString(`
    query ConsoleIncidents($filter: IncidentFilter, $after: String) {
  incidents(filter: $filter, first: 30, after: $after) {
    totalCount
    edges {
      node {
        ...IncidentRow
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment IncidentRow on Incident {
  id
  version
  status
  reason
  openedAt
  firstResponseDueAt
  resolutionDueAt
  overdue
  resolution
  availableActions
  order {
    id
    reference
  }
}`) as unknown as TypedDocumentString<ConsoleIncidentsQuery, ConsoleIncidentsQueryVariables>;
export const ConsoleResolveIncidentDocument = new TypedDocumentString(`
    mutation ConsoleResolveIncident($input: IncidentActionInput!) {
  markIncidentResolved(input: $input) {
    __typename
    ... on Incident {
      ...IncidentRow
    }
    ...ErrorOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment IncidentRow on Incident {
  id
  version
  status
  reason
  openedAt
  firstResponseDueAt
  resolutionDueAt
  overdue
  resolution
  availableActions
  order {
    id
    reference
  }
}`) as unknown as TypedDocumentString<ConsoleResolveIncidentMutation, ConsoleResolveIncidentMutationVariables>;
export const ConsoleReturnsDocument = new TypedDocumentString(`
    query ConsoleReturns($filter: ReturnFilter, $after: String) {
  returns(filter: $filter, first: 30, after: $after) {
    totalCount
    edges {
      node {
        ...ReturnRow
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}`) as unknown as TypedDocumentString<ConsoleReturnsQuery, ConsoleReturnsQueryVariables>;
export const ConsoleAcceptReturnDocument = new TypedDocumentString(`
    mutation ConsoleAcceptReturn($input: ReturnActionInput!) {
  acceptReturn(input: $input) {
    ...ReturnOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}
fragment ReturnOutcome on ReturnResult {
  __typename
  ... on Return {
    ...ReturnRow
  }
  ...ErrorOutcome
}`) as unknown as TypedDocumentString<ConsoleAcceptReturnMutation, ConsoleAcceptReturnMutationVariables>;
export const ConsoleRejectReturnDocument = new TypedDocumentString(`
    mutation ConsoleRejectReturn($input: RejectReturnInput!) {
  rejectReturn(input: $input) {
    ...ReturnOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}
fragment ReturnOutcome on ReturnResult {
  __typename
  ... on Return {
    ...ReturnRow
  }
  ...ErrorOutcome
}`) as unknown as TypedDocumentString<ConsoleRejectReturnMutation, ConsoleRejectReturnMutationVariables>;
export const ConsoleMarkReturnReceivedDocument = new TypedDocumentString(`
    mutation ConsoleMarkReturnReceived($input: ReturnActionInput!) {
  markReturnReceived(input: $input) {
    ...ReturnOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}
fragment ReturnOutcome on ReturnResult {
  __typename
  ... on Return {
    ...ReturnRow
  }
  ...ErrorOutcome
}`) as unknown as TypedDocumentString<ConsoleMarkReturnReceivedMutation, ConsoleMarkReturnReceivedMutationVariables>;
export const ConsoleRefundReturnDocument = new TypedDocumentString(`
    mutation ConsoleRefundReturn($input: RefundReturnInput!) {
  refundReturn(input: $input) {
    ...ReturnOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment ReturnRow on Return {
  id
  version
  status
  reason
  comment
  requestedAt
  decisionDueAt
  refundDueAt
  refundOverdue
  availableActions
  order {
    id
    reference
  }
  lines {
    quantity
    line {
      productTitle
    }
  }
}
fragment ReturnOutcome on ReturnResult {
  __typename
  ... on Return {
    ...ReturnRow
  }
  ...ErrorOutcome
}`) as unknown as TypedDocumentString<ConsoleRefundReturnMutation, ConsoleRefundReturnMutationVariables>;
export const ConsoleRatingsDocument = new TypedDocumentString(`
    query ConsoleRatings($shopId: ID, $filter: RatingFilter, $after: String) {
  ratings(shopId: $shopId, filter: $filter, first: 30, after: $after) {
    totalCount
    edges {
      node {
        ...RatingRow
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RatingRow on Rating {
  id
  grade
  comment
  createdAt
  removal
  availableActions
  customer {
    displayName
  }
  reply {
    body
  }
  order {
    id
    reference
  }
}`) as unknown as TypedDocumentString<ConsoleRatingsQuery, ConsoleRatingsQueryVariables>;
export const ConsoleReplyToRatingDocument = new TypedDocumentString(`
    mutation ConsoleReplyToRating($input: ReplyToRatingInput!) {
  replyToRating(input: $input) {
    ...RatingOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment RatingRow on Rating {
  id
  grade
  comment
  createdAt
  removal
  availableActions
  customer {
    displayName
  }
  reply {
    body
  }
  order {
    id
    reference
  }
}
fragment RatingOutcome on RatingResult {
  __typename
  ... on Rating {
    ...RatingRow
  }
  ...ErrorOutcome
}`) as unknown as TypedDocumentString<ConsoleReplyToRatingMutation, ConsoleReplyToRatingMutationVariables>;
export const ConsoleRequestRatingRemovalDocument = new TypedDocumentString(`
    mutation ConsoleRequestRatingRemoval($input: RequestRatingRemovalInput!) {
  requestRatingRemoval(input: $input) {
    ...RatingOutcome
  }
}
    fragment ErrorOutcome on ErrorResult {
  code
  message
}
fragment RatingRow on Rating {
  id
  grade
  comment
  createdAt
  removal
  availableActions
  customer {
    displayName
  }
  reply {
    body
  }
  order {
    id
    reference
  }
}
fragment RatingOutcome on RatingResult {
  __typename
  ... on Rating {
    ...RatingRow
  }
  ...ErrorOutcome
}`) as unknown as TypedDocumentString<ConsoleRequestRatingRemovalMutation, ConsoleRequestRatingRemovalMutationVariables>;
export const ConsoleDashboardChangedDocument = new TypedDocumentString(`
    subscription ConsoleDashboardChanged {
  dashboardChanged(initial: true) {
    ...DashboardCounts
  }
}
    fragment DashboardCounts on Dashboard {
  id
  ordersAwaitingAcceptance
  ordersToShip
  ordersPastShippingDeadline
  openIncidents
  returnsAwaitingDecision
  returnsRefundOverdue
  unreadThreads
  threadsAwaitingReply
  ratingsWithoutReply
}`) as unknown as TypedDocumentString<ConsoleDashboardChangedSubscription, ConsoleDashboardChangedSubscriptionVariables>;
export const ConsoleEventsDocument = new TypedDocumentString(`
    subscription ConsoleEvents($after: String, $locale: Locale!) {
  events(after: $after) {
    cursor
    type
    order {
      ...OrderRow
    }
    message {
      ...MessageItem
    }
  }
}
    fragment MessageItem on Message {
  id
  body
  createdAt
  author {
    displayName
    type
  }
  thread {
    id
    order {
      id
    }
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleEventsSubscription, ConsoleEventsSubscriptionVariables>;
export const ConsoleThreadsDocument = new TypedDocumentString(`
    query ConsoleThreads($filter: MessageThreadFilter, $after: String) {
  messageThreads(filter: $filter, first: 30, after: $after) {
    edges {
      node {
        ...ThreadRow
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ThreadRow on MessageThread {
  id
  subject
  lastMessageAt
  unreadCount
  shopReplyNeededSince
  replyDueAt
  order {
    id
    reference
  }
}`) as unknown as TypedDocumentString<ConsoleThreadsQuery, ConsoleThreadsQueryVariables>;
export const ConsoleThreadDocument = new TypedDocumentString(`
    query ConsoleThread($id: ID!) {
  node(id: $id) {
    __typename
    ... on MessageThread {
      ...ThreadRow
      messages(last: 100) {
        edges {
          node {
            ...MessageItem
          }
        }
      }
    }
  }
}
    fragment ThreadRow on MessageThread {
  id
  subject
  lastMessageAt
  unreadCount
  shopReplyNeededSince
  replyDueAt
  order {
    id
    reference
  }
}
fragment MessageItem on Message {
  id
  body
  createdAt
  author {
    displayName
    type
  }
  thread {
    id
    order {
      id
    }
  }
}`) as unknown as TypedDocumentString<ConsoleThreadQuery, ConsoleThreadQueryVariables>;
export const ConsoleSendMessageDocument = new TypedDocumentString(`
    mutation ConsoleSendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    __typename
    ... on Message {
      ...MessageItem
    }
    ... on ErrorResult {
      code
      message
    }
  }
}
    fragment MessageItem on Message {
  id
  body
  createdAt
  author {
    displayName
    type
  }
  thread {
    id
    order {
      id
    }
  }
}`) as unknown as TypedDocumentString<ConsoleSendMessageMutation, ConsoleSendMessageMutationVariables>;
export const ConsoleMarkThreadReadDocument = new TypedDocumentString(`
    mutation ConsoleMarkThreadRead($threadId: ID!) {
  markThreadRead(threadId: $threadId) {
    __typename
    ... on MessageThread {
      ...ThreadRow
    }
  }
}
    fragment ThreadRow on MessageThread {
  id
  subject
  lastMessageAt
  unreadCount
  shopReplyNeededSince
  replyDueAt
  order {
    id
    reference
  }
}`) as unknown as TypedDocumentString<ConsoleMarkThreadReadMutation, ConsoleMarkThreadReadMutationVariables>;
export const ConsoleMarkNoReplyNeededDocument = new TypedDocumentString(`
    mutation ConsoleMarkNoReplyNeeded($threadId: ID!) {
  markNoReplyNeeded(threadId: $threadId) {
    __typename
    ... on MessageThread {
      ...ThreadRow
    }
  }
}
    fragment ThreadRow on MessageThread {
  id
  subject
  lastMessageAt
  unreadCount
  shopReplyNeededSince
  replyDueAt
  order {
    id
    reference
  }
}`) as unknown as TypedDocumentString<ConsoleMarkNoReplyNeededMutation, ConsoleMarkNoReplyNeededMutationVariables>;
export const ConsoleMessageAddedDocument = new TypedDocumentString(`
    subscription ConsoleMessageAdded {
  messageAdded {
    ...MessageItem
  }
}
    fragment MessageItem on Message {
  id
  body
  createdAt
  author {
    displayName
    type
  }
  thread {
    id
    order {
      id
    }
  }
}`) as unknown as TypedDocumentString<ConsoleMessageAddedSubscription, ConsoleMessageAddedSubscriptionVariables>;
export const ConsoleOrderDocument = new TypedDocumentString(`
    query ConsoleOrder($id: ID!, $locale: Locale!) {
  order(id: $id) {
    ...OrderDetail
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleOrderQuery, ConsoleOrderQueryVariables>;
export const ConsoleAcceptOrderDocument = new TypedDocumentString(`
    mutation ConsoleAcceptOrder($input: AcceptOrderInput!, $locale: Locale!) {
  acceptOrder(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleAcceptOrderMutation, ConsoleAcceptOrderMutationVariables>;
export const ConsoleRefuseOrderDocument = new TypedDocumentString(`
    mutation ConsoleRefuseOrder($input: RefuseOrderInput!, $locale: Locale!) {
  refuseOrder(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleRefuseOrderMutation, ConsoleRefuseOrderMutationVariables>;
export const ConsoleSetTrackingDocument = new TypedDocumentString(`
    mutation ConsoleSetTracking($input: SetTrackingInput!, $locale: Locale!) {
  setTracking(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleSetTrackingMutation, ConsoleSetTrackingMutationVariables>;
export const ConsoleConfirmShipmentDocument = new TypedDocumentString(`
    mutation ConsoleConfirmShipment($input: OrderActionInput!, $locale: Locale!) {
  confirmShipment(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleConfirmShipmentMutation, ConsoleConfirmShipmentMutationVariables>;
export const ConsoleMarkReadyForPickupDocument = new TypedDocumentString(`
    mutation ConsoleMarkReadyForPickup($input: OrderActionInput!, $locale: Locale!) {
  markReadyForPickup(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleMarkReadyForPickupMutation, ConsoleMarkReadyForPickupMutationVariables>;
export const ConsoleCancelOrderDocument = new TypedDocumentString(`
    mutation ConsoleCancelOrder($input: CancelOrderInput!, $locale: Locale!) {
  cancelOrder(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleCancelOrderMutation, ConsoleCancelOrderMutationVariables>;
export const ConsoleRefundOrderDocument = new TypedDocumentString(`
    mutation ConsoleRefundOrder($input: RefundOrderInput!, $locale: Locale!) {
  refundOrder(input: $input) {
    ...OrderOutcome
  }
}
    fragment OrderDetail on Order {
  ...OrderRow
  version
  availableActions
  paymentWorkflow
  acceptedAt
  shippedAt
  receivedAt
  closedAt
  price {
    amount
    currency
  }
  shippingPrice {
    amount
    currency
  }
  shippingRefundable {
    amount
    currency
  }
  lines {
    id
    index
    offerSku
    productTitle
    quantity
    state
    stateLabel(locale: $locale)
    unitPrice {
      amount
      currency
    }
    price {
      amount
      currency
    }
    refundable {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
  }
  shippingAddress {
    name
    street
    postalCode
    city
    countryCode
    phone
  }
  tracking {
    carrierName
    trackingNumber
    trackingUrl
  }
  refunds {
    id
    createdAt
    reason
    amount {
      amount
      currency
    }
    line {
      productTitle
    }
  }
  incidents {
    id
    status
    reason
    openedAt
  }
  returns {
    id
    status
    reason
    requestedAt
  }
  rating {
    id
    grade
    comment
    reply {
      body
    }
  }
  thread {
    id
  }
  timeline(first: 50) {
    edges {
      node {
        id
        type
        occurredAt
        fromState
        toState
        actor {
          displayName
          type
        }
      }
    }
  }
}
fragment OrderOutcome on OrderResult {
  __typename
  ... on Order {
    ...OrderDetail
  }
  ... on ErrorResult {
    code
    message
  }
  ... on ValidationError {
    field
  }
}
fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleRefundOrderMutation, ConsoleRefundOrderMutationVariables>;
export const ConsoleOrdersDocument = new TypedDocumentString(`
    query ConsoleOrders($filter: OrderFilter, $first: Int, $after: String, $last: Int, $before: String, $locale: Locale!) {
  orders(
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    totalCount
    edges {
      node {
        ...OrderRow
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleOrdersQuery, ConsoleOrdersQueryVariables>;
export const ConsoleOrderChangedDocument = new TypedDocumentString(`
    subscription ConsoleOrderChanged($locale: Locale!) {
  orderChanged {
    ...OrderRow
  }
}
    fragment OrderRow on Order {
  id
  reference
  state
  stateLabel(locale: $locale)
  createdAt
  customer {
    displayName
  }
  totalPrice {
    amount
    currency
  }
  acceptanceDeadline
  shippingDeadline
  paymentDeadline
  hasOpenIncident
  shop {
    id
  }
}`) as unknown as TypedDocumentString<ConsoleOrderChangedSubscription, ConsoleOrderChangedSubscriptionVariables>;
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    role
    displayName
    shop {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleViewerQuery, ConsoleViewerQueryVariables>;
export const ConsoleShopsDocument = new TypedDocumentString(`
    query ConsoleShops($after: String) {
  shops(first: 100, after: $after) {
    edges {
      node {
        id
        name
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleShopsQuery, ConsoleShopsQueryVariables>;
export const ConsoleCarriersDocument = new TypedDocumentString(`
    query ConsoleCarriers {
  carriers {
    code
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCarriersQuery, ConsoleCarriersQueryVariables>;