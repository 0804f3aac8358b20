# Golden values for wpsstats.parity, computed independently in R.
#
#   Rscript tests/golden/parity/parity_golden.R   (from the repository root)
#
# Writes, next to this script:
#   trend_inputs.csv   case, period (fractional year), share   -- the series fitted
#   trend_results.csv  case, target, by, intercept, slope, year_reaching, pace_needed,
#                      status, year, observations, missing
#   women_needed.csv   women, total, target (as text), women_needed, met, women_needed_add
#
# A missing period or share (NA) leaves its observation out: lm's default na.action, na.omit.
# year_reaching: the year where coef(lm(share ~ year)) reaches the target; NA when slope <= 0.
# pace_needed:   (target - share at the latest period) / (by - latest period) * 100, and 0 when
#                that share already meets the target.
# status, year:  "met" when the latest share is at or above the target, year = the first period
#                of the unbroken run of observations at or above it that ends at the latest;
#                otherwise "reached" (year = year_reaching) when the slope is positive, "never".
# women_needed:  ceiling(target * total) - women, floored at 0, in integer arithmetic on the
#                target's decimal text (p / 10^d), independent of the Python implementation.
# women_needed_add: women join and nobody leaves (wpsstats.quota_gap(..., mode="add")): the least
#                k >= 0 with (women + k) / (total + k) >= target, i.e. q * (women + k) >=
#                p * (total + k) for target p / q, that is ceiling((p * total - q * women) /
#                (q - p)) floored at 0; empty where total is 0 (no share) or the target is 1
#                with men in the body (adding women never reaches it).
# Both counts are exact 64-bit integers (bit64): a target of 16 decimals, 1/3 as the float
# 0.3333333333333333 prints, takes products past 2^53, where doubles would round; an overflow (NA)
# stops the script, and each count is checked against its definition (it reaches the target,
# one woman fewer does not).

here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
if (length(here) == 0 || here == "") here <- "."

# Fractional year counted from the start of the period, via R's own calendar.
frac_year <- function(date) {
  d <- as.Date(date)
  y <- as.numeric(format(d, "%Y"))
  leap <- (y %% 4 == 0 & y %% 100 != 0) | y %% 400 == 0
  y + (as.numeric(format(d, "%j")) - 1) / ifelse(leap, 366, 365)
}

cases <- list(
  # MINUSMA: 52 women of 6,483 troops on 2014-03-31 (IPI), 2.6 per cent in 2018 (the seed)
  minusma_military = list(x = c(frac_year("2014-03-31"), 2018), y = c(52 / 6483, 0.026),
                          target = 0.15, by = 2028),
  minusma_individual_police = list(x = c(frac_year("2014-03-31"), 2018), y = c(10 / 104, 0.165),
                                   target = 0.30, by = 2028),
  minusma_formed_police = list(x = c(frac_year("2014-03-31"), 2018), y = c(40 / 882, 0.047),
                               target = 0.20, by = 2028),
  noisy_yearly = list(x = 2010:2018,
                      y = c(0.020, 0.025, 0.024, 0.030, 0.031, 0.035, 0.040, 0.038, 0.045),
                      target = 0.15, by = 2028),
  fractional_years = list(x = c(2015.5, 2016.25, 2017, 2019.75), y = c(0.10, 0.12, 0.11, 0.16),
                          target = 0.30, by = 2025.5),
  leap_day = list(x = c(frac_year("2016-02-29"), frac_year("2016-12-31"), frac_year("2019-07-01")),
                  y = c(0.04, 0.05, 0.07), target = 0.25, by = 2030),
  already_above = list(x = c(2015, 2016, 2017), y = c(0.30, 0.32, 0.35), target = 0.25, by = 2028),
  falling = list(x = c(2014, 2016, 2018), y = c(0.06, 0.05, 0.045), target = 0.15, by = 2028),
  long_wavy = list(x = 1990:2020,
                   y = 0.01 + 0.003 * (0:30) + sin(1990:2020) / 200, target = 0.20, by = 2040),
  # a jump past the target (a parity law's first election): met since the jump, while the
  # fitted line crosses the target years before it
  jump_then_held = list(x = 2005:2016,
                        y = c(0.19, 0.19, 0.22, 0.22, 0.227, 0.227, 0.227, 0.427, 0.427, 0.433,
                              0.427, 0.41), target = 0.30, by = 2030),
  # met, fell back, met again: met since the return
  fell_back = list(x = 2015:2020, y = c(0.25, 0.31, 0.33, 0.29, 0.32, 0.34), target = 0.30,
                   by = 2030),
  # the line passed the target, the latest share is below it: "reached", in the past
  below_a_passed_line = list(x = 2015:2019, y = c(0.20, 0.28, 0.36, 0.40, 0.29),
                             target = 0.30, by = 2030),
  # a year without a share and an observation without a period: left out, the rest fitted
  missing_share = list(x = c(2010:2018, NA),
                       y = c(0.020, 0.025, NA, 0.030, 0.031, 0.035, 0.040, NA, 0.045, 0.05),
                       target = 0.15, by = 2028),
  # the latest observation has no share: the latest with one counts, and it meets the target
  missing_latest = list(x = 2016:2020, y = c(0.28, 0.29, 0.31, 0.33, NA), target = 0.30,
                        by = 2025)
)

inputs <- do.call(rbind, lapply(names(cases), function(k) {
  data.frame(case = k, period = sprintf("%.17g", cases[[k]]$x), share = sprintf("%.17g", cases[[k]]$y))
}))
results <- do.call(rbind, lapply(names(cases), function(k) {
  cs <- cases[[k]]
  fit <- lm(share ~ year, data = data.frame(year = cs$x, share = cs$y))
  a <- unname(coef(fit)[1]); b <- unname(coef(fit)[2])
  yr <- if (b > 0) (cs$target - a) / b else NA_real_
  ok <- !is.na(cs$x) & !is.na(cs$y)
  x <- cs$x[ok]; y <- cs$y[ok]
  last <- which.max(x)
  pace <- max(0, (cs$target - y[last]) / (cs$by - x[last]) * 100)
  if (y[last] >= cs$target) {
    below <- x[y < cs$target]
    after <- if (length(below)) x > max(below) else rep(TRUE, length(x))
    status <- "met"; when <- min(x[after & y >= cs$target])
  } else if (b > 0) {
    status <- "reached"; when <- yr
  } else {
    status <- "never"; when <- NA_real_
  }
  data.frame(case = k, target = cs$target, by = cs$by, intercept = sprintf("%.17g", a),
             slope = sprintf("%.17g", b), year_reaching = sprintf("%.17g", yr),
             pace_needed = sprintf("%.17g", pace), status = status,
             year = sprintf("%.17g", when), observations = sum(ok), missing = sum(!ok))
}))
write.csv(inputs, file.path(here, "trend_inputs.csv"), row.names = FALSE, quote = FALSE)
write.csv(results, file.path(here, "trend_results.csv"), row.names = FALSE, quote = FALSE)

# women needed, exact: target text "0.15" -> p = 15, q = 100; ceiling(p * n / q) in integers
suppressPackageStartupMessages(library(bit64))
exact <- function(x, rows) {
  if (anyNA(x[rows])) stop("integer64 overflow")
  x
}
wn <- data.frame(
  women = c(0, 3, 2, 52, 10, 40, 0, 1, 5, 0, 7, 0, 999, 150, 11, 0, 6,
            # quota 0.5 on a boundary, quota 0, 1/3 as the float prints (a share of 1 of 3 is
            # above it), the float traps of quota_gap's docstring (0.3 of 7 added, 0.28 of 25),
            # Mali's cabinet, a quota near 1, a quota of 1 with men left, an empty body at 1/3
            2, 0, 0, 0, 1, 10, 0, 9, 0, 0, 4, 0),
  total = c(10, 10, 10, 6483, 104, 882, 1, 1, 5, 0, 20, 7, 1000, 1000, 876, 1147, 872,
            10, 10, 2, 3, 3, 40, 7, 36, 25, 1000, 5, 0),
  target = c("0.3", "0.3", "0.3", "0.15", "0.3", "0.2", "0.5", "0.5", "1", "0.15", "0.35", "0.08",
             "0.999", "0.15", "0.15", "0.15", "0.15",
             "0.5", "0", "0.3333333333333333", "0.3333333333333333", "0.3333333333333333",
             "0.3333333333333333", "0.3", "0.3", "0.28", "0.999", "1", "0.3333333333333333")
)
decimals <- nchar(sub("^[0-9]*\\.?", "", wn$target))
p <- as.integer64(gsub(".", "", wn$target, fixed = TRUE))
q <- as.integer64(paste0("1", strrep("0", decimals)))
w <- as.integer64(wn$women)
n <- as.integer64(wn$total)
body <- wn$total > 0
# replace: the least k >= 0 with q * (w + k) >= p * n
replace <- pmax(exact((p * n + q - 1L) %/% q, body) - w, 0L)
# add: the least k >= 0 with q * (w + k) >= p * (n + k); short = p * n - q * w, what the women
# lack in units of 1 / q, gain = q - p, what each woman added brings (%/% only on numbers >= 0:
# bit64 truncates towards zero)
short <- exact(p * n - q * w, body)
gain <- q - p
reachable <- body & (gain > 0 | short <= 0)
add <- as.integer64(rep(NA, nrow(wn)))
add[reachable] <- (pmax(short[reachable], 0L) + pmax(gain[reachable], 1L) - 1L) %/%
  pmax(gain[reachable], 1L)
# each count by its definition: it reaches the target, one woman fewer does not
reaches <- function(k, rows, joined) {
  left <- exact(q[rows] * (w[rows] + k), TRUE)
  right <- exact(p[rows] * (n[rows] + if (joined) k else 0L), TRUE)
  left >= right
}
stopifnot(all(reaches(replace[body], body, FALSE)),
          all(replace[body] == 0L | !reaches(replace[body] - 1L, body, FALSE)),
          all(reaches(add[reachable], reachable, TRUE)),
          all(add[reachable] == 0L | !reaches(add[reachable] - 1L, reachable, TRUE)),
          all(replace[body] < 2^53), all(add[reachable] < 2^53))
wn$women_needed <- ifelse(body, as.numeric(replace), NA)
wn$met <- ifelse(body, wn$women_needed == 0, NA)
wn$women_needed_add <- ifelse(reachable, as.numeric(add), NA)
write.csv(wn, file.path(here, "women_needed.csv"), row.names = FALSE, quote = FALSE, na = "")
cat(R.version.string, "\n")
print(results)
print(wn)
