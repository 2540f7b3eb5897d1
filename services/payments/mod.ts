/**
 * Payment processors behind one interface: the simulated checkout (the
 * default) and Stripe. Features ask for checkouts, refunds and transfers and
 * receive `PaymentEvent`s; only this feature speaks a processor's protocol.
 */
export {
  type Checkout,
  type CheckoutRequest,
  PAYMENT_EVENT_TYPES,
  type PaymentEvent,
  paymentEventSchema,
  type PaymentEventType,
  type PaymentProvider,
  PaymentProviderError,
  type PayoutAccountLink,
  type Refund,
  type RefundRequest,
  type TransferRequest,
  WebhookVerificationError,
} from "./model.ts";
export {
  cardFormSchema,
  createSimulatedProvider,
  getSimulatedCheckout,
  passesLuhn,
  payWithTestCard,
  type SimulatedCheckout,
  type SimulatedProvider,
} from "./simulated.ts";
export {
  createStripeProvider,
  type StripeProvider,
  type StripeSettings,
  translateStripeEvent,
} from "./stripe.ts";

/** The processor in use: checking `name` tells which (and what else it can do). */
export type PaymentProcessor =
  | import("./simulated.ts").SimulatedProvider
  | import("./stripe.ts").StripeProvider;
