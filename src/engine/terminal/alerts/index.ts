export { Alerts, ALERT_ANALYTICS_SAMPLE_MS, ALERT_MID_SAMPLE_MS, type AlertsDeps } from './alerts';
export {
  ALERT_METRICS,
  type AlertFiredView,
  type AlertMetric,
  type AlertPriceSource,
  type AlertRepeat,
  type AlertRuleView,
  type AlertsState,
  type AlertSpec,
  type AlertTicket,
  DEFAULT_COOLDOWN_SEC,
  MAX_ALERT_LOG,
  MAX_ALERT_RULES,
  type MoveDirection,
  type PriceCondition,
} from './alertRules';
export { type Notice, type NoticeKind, Notices } from './notices';
