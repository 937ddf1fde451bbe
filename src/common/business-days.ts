import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/**
 * Business days in Poland: Monday to Friday except Polish public holidays, in Europe/Warsaw.
 * Deadlines keep the wall-clock time of the start instant (a DST change does not shift them).
 */
export const BUSINESS_ZONE = 'Europe/Warsaw';

const holidays = new Holidays('PL');
const publicHolidaysByYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let dates = publicHolidaysByYear.get(year);
  if (!dates) {
    dates = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, dates);
  }
  return dates;
}

export function isBusinessDay(instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: BUSINESS_ZONE });
  if (local.weekday >= 6) return false;
  return !publicHolidays(local.year).has(local.toISODate()!);
}

/** `start` moved forward by `days` business days, same local time of day in Warsaw. */
export function addBusinessDays(start: Date, days: number): Date {
  const startLocal = DateTime.fromJSDate(start, { zone: BUSINESS_ZONE });
  // The days are counted on the calendar (plain dates, as UTC midnights: no zone offset to work
  // out for each), and the Warsaw wall-clock time is put on the last one once: a step through a
  // DST gap (02:30 on the spring Sunday) cannot shift the later days, and luxon's offset work
  // (most of a write's CPU here) runs twice instead of twice per day.
  let date = Date.UTC(startLocal.year, startLocal.month - 1, startLocal.day);
  for (let remaining = days; remaining > 0; ) {
    date += DAY_MS;
    if (isBusinessDate(new Date(date))) remaining -= 1;
  }
  const end = new Date(date);
  return startLocal.set({ year: end.getUTCFullYear(), month: end.getUTCMonth() + 1, day: end.getUTCDate() }).toJSDate();
}

const DAY_MS = 86_400_000;

/** A calendar date (held as its UTC midnight) that is a weekday and no public holiday. */
function isBusinessDate(date: Date): boolean {
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(date.getUTCFullYear()).has(date.toISOString().slice(0, 10));
}

/**
 * Calendar days in Poland (the return window, the refund deadline): a date is a calendar date in
 * Warsaw, and a period "ends at the end of day D", 23:59:59.999 Warsaw time on D, whichever offset
 * (UTC+01:00 or UTC+02:00) holds on D: a clock change never moves the end of a day.
 */
export function warsawDatePlus(instant: Date, days: number): DateTime {
  return DateTime.fromJSDate(instant, { zone: BUSINESS_ZONE }).startOf('day').plus({ days });
}

export function endOfWarsawDay(date: DateTime): Date {
  return date.setZone(BUSINESS_ZONE).endOf('day').toJSDate();
}

/** `date` itself when it is a business day, else the next one (a last day on a weekend or public holiday moves on). */
export function businessDateOnOrAfter(date: DateTime): DateTime {
  let day = date;
  while (!isBusinessDay(day.startOf('day').plus({ hours: 12 }).toJSDate())) day = day.plus({ days: 1 });
  return day;
}
