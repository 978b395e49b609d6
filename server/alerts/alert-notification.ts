import "server-only";
import os from "node:os";
import { ALERT_METRICS, type AlertMetrics } from "./alert-metrics";

/** What a fired alert tells its channels; the generic webhook receives exactly this as JSON. */
export interface AlertNotification {
  alert: string;
  message: string;
  value: number;
  metrics: AlertMetrics;
  fired_at: string;
  host: string;
  /** Only on `easysight alerts test`: the values are not real. */
  test?: true;
}

export const notification = (alert: string, message: string, value: number, metrics: AlertMetrics, firedAt: Date): AlertNotification => ({
  alert,
  message,
  value,
  metrics,
  fired_at: firedAt.toISOString(),
  host: os.hostname(),
});

/** The notification `easysight alerts test <rule>` sends: marked as a test, every value 0. */
export const testNotification = (alert: string): AlertNotification => ({
  ...notification(
    alert,
    `EasySight 测试通知：告警规则 ${alert} 的通知渠道可以送达 (EasySight test notification: alert rule ${alert} reaches this channel).`,
    0,
    Object.fromEntries(ALERT_METRICS.map((m) => [m, 0])) as AlertMetrics,
    new Date(),
  ),
  test: true,
});
