import type { IntentLabel } from '../../../server/src/triage/types.ts';

/** Bitext customer-service intents (both Bitext sets share these 27). */
export const BITEXT_TO_CARE: Record<string, IntentLabel> = {
  track_order: 'order_status',
  change_order: 'order_status',
  place_order: 'product_question',
  cancel_order: 'cancellation',
  check_cancellation_fee: 'cancellation',
  delete_account: 'cancellation',
  delivery_options: 'delivery',
  delivery_period: 'delivery',
  change_shipping_address: 'delivery',
  set_up_shipping_address: 'delivery',
  check_invoice: 'billing_payment',
  get_invoice: 'billing_payment',
  check_payment_methods: 'billing_payment',
  payment_issue: 'billing_payment',
  check_refund_policy: 'refund_return',
  get_refund: 'refund_return',
  track_refund: 'refund_return',
  create_account: 'account_login',
  edit_account: 'account_login',
  switch_account: 'account_login',
  recover_password: 'account_login',
  registration_problems: 'account_login',
  complaint: 'complaint',
  review: 'feedback',
  contact_customer_service: 'other',
  contact_human_agent: 'other',
  newsletter_subscription: 'other',
};

const BANKING_GROUPS: Partial<Record<IntentLabel, string[]>> = {
  delivery: ['card_arrival', 'card_delivery_estimate'],
  refund_return: ['request_refund', 'Refund_not_showing_up'],
  cancellation: ['terminate_account', 'cancel_transfer'],
  account_login: [
    'passcode_forgotten',
    'pin_blocked',
    'change_pin',
    'verify_my_identity',
    'unable_to_verify_identity',
    'why_verify_identity',
    'edit_personal_details',
    'lost_or_stolen_phone',
    'compromised_card',
    'lost_or_stolen_card',
  ],
  technical_outage: [
    'card_not_working',
    'contactless_not_working',
    'virtual_card_not_working',
    'card_swallowed',
  ],
  billing_payment: [
    'card_payment_fee_charged',
    'extra_charge_on_statement',
    'transaction_charged_twice',
    'card_payment_not_recognised',
    'direct_debit_payment_not_recognised',
    'cash_withdrawal_not_recognised',
    'declined_card_payment',
    'declined_transfer',
    'declined_cash_withdrawal',
    'pending_card_payment',
    'pending_transfer',
    'pending_top_up',
    'pending_cash_withdrawal',
    'failed_transfer',
    'transfer_not_received_by_recipient',
    'balance_not_updated_after_bank_transfer',
    'balance_not_updated_after_cheque_or_cash_deposit',
    'wrong_amount_of_cash_received',
    'card_payment_wrong_exchange_rate',
    'wrong_exchange_rate_for_cash_withdrawal',
    'top_up_reverted',
    'reverted_card_payment?',
    'transfer_fee_charged',
    'cash_withdrawal_charge',
    'top_up_by_card_charge',
    'top_up_by_bank_transfer_charge',
    'exchange_charge',
    'top_up_failed',
  ],
};

/** banking77: anything not listed above is a how-to question about the product. */
export function mapBanking77(category: string): IntentLabel {
  for (const [label, names] of Object.entries(BANKING_GROUPS)) {
    if (names.includes(category)) return label as IntentLabel;
  }
  return 'product_question';
}

const CLINC_GROUPS: Partial<Record<IntentLabel, string[]>> = {
  order_status: ['order_status', 'flight_status', 'application_status'],
  cancellation: ['cancel', 'cancel_reservation'],
  billing_payment: [
    'bill_due',
    'pay_bill',
    'bill_balance',
    'min_payment',
    'transactions',
    'card_declined',
    'international_fees',
  ],
  account_login: ['pin_change', 'freeze_account', 'account_blocked', 'report_lost_card', 'report_fraud'],
  product_question: [
    'replacement_card_duration',
    'expiration_date',
    'damaged_card',
    'credit_limit_change',
    'apr',
    'redeem_rewards',
    'credit_limit',
    'rewards_balance',
    'new_card',
    'interest_rate',
    'routing',
    'order_checks',
    'carry_on',
    'accept_reservations',
  ],
  delivery: ['lost_luggage'],
  praise: ['thank_you'],
};

/** clinc150: the rest (assistant small talk, travel, cooking, utilities, oos) is 'other'. */
export function mapClinc150(intent: string): IntentLabel {
  for (const [label, names] of Object.entries(CLINC_GROUPS)) {
    if (names.includes(intent)) return label as IntentLabel;
  }
  return 'other';
}
