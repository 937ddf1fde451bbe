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
  return isLocalBusinessDay(DateTime.fromJSDate(instant, { zone: BUSINESS_ZONE }));
}

/** The same for a time already in Warsaw: no conversion (zone offsets cost most of this on the write path). */
function isLocalBusinessDay(local: DateTime): boolean {
  if (local.weekday >= 6) return false;
  return !publicHolidays(local.year).has(local.toISODate()!);
}

/** `start` moved forward by `days` business days, same local time of day in Warsaw. */
export function addBusinessDays(start: Date, days: number): Date {
  const startLocal = DateTime.fromJSDate(start, { zone: BUSINESS_ZONE });
  // Always step from the start: a step through a DST gap (02:30 on the spring Sunday) would
  // otherwise shift every later day by an hour.
  let local = startLocal;
  let remaining = days;
  for (let offset = 1; remaining > 0; offset += 1) {
    local = startLocal.plus({ days: offset });
    if (isLocalBusinessDay(local)) remaining -= 1;
  }
  return local.toJSDate();
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
