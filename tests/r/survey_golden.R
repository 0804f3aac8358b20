# Golden values for wpsstats.survey_prevalence from R's survey package.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   .venv/bin/python tests/r/make_survey_data.py
#   Rscript tests/r/survey_golden.R
# It reads tests/golden/survey_dhs_like.csv and tests/golden/survey_lonely.csv and writes
# tests/golden/survey_r_values.csv: one row per file x lonely-PSU option x method x level x
# grouping x domain, holding what svyciprop() printed (17 significant digits), degf() of the
# domain's design, deff (svymean(deff = "replace")) and the domain's row count.
#
# A domain is estimated inside the full design: subset() of a survey.design2 keeps every
# stratum's PSU count, so rows outside the domain act as zero scores. Rows with a missing
# indicator leave the domain first (subset(design, !is.na(y))), so degf counts the PSUs that
# hold a non-missing row of the domain.
# For each grouping the script also calls svyby(..., svyciprop) and stops unless it agrees with
# the per-domain svyciprop() calls (its ci_l/ci_u columns; confint() of a svyby object would
# rebuild a Normal interval from the SE instead).

suppressPackageStartupMessages(library(survey))

files <- c("survey_dhs_like", "survey_lonely")
methods <- c("mean", "logit", "xlogit", "asin", "beta", "likelihood")
levels <- c(0.95, 0.90)
lonely_options <- c("fail", "remove", "certainty", "adjust", "average")
groupings <- list("", "region", "agegrp", c("region", "residence"))

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
rows <- list()

for (f in files) {
  dat <- read.csv(file.path("tests", "golden", paste0(f, ".csv")), stringsAsFactors = FALSE)
  for (lonely in lonely_options) {
    options(survey.lonely.psu = lonely)
    des <- svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = dat, nest = FALSE)
    desv <- subset(des, !is.na(y))
    for (g in groupings) {
      gname <- paste(g, collapse = "+")
      if (gname == "") {
        key <- rep("(all)", nrow(desv$variables))
      } else {
        key <- do.call(paste, c(desv$variables[g], sep = "|"))
      }
      doms <- sort(unique(key))
      for (m in methods) {
        for (lv in levels) {
          per_domain <- list()
          for (k in doms) {
            sub <- desv[key == k, ]
            res <- tryCatch({
              ci <- suppressWarnings(svyciprop(~y, sub, method = m, level = lv))
              dm <- suppressWarnings(svymean(~y, sub, deff = "replace"))
              c(est = unname(coef(ci)), se = unname(SE(ci)),
                lower = unname(confint(ci)[1]), upper = unname(confint(ci)[2]),
                df = degf(sub), deff = unname(deff(dm)), n = nrow(sub), err = NA)
            }, error = function(e) {
              c(est = NA, se = NA, lower = NA, upper = NA, df = degf(sub), deff = NA,
                n = nrow(sub), err = conditionMessage(e))
            })
            per_domain[[k]] <- res
            rows[[length(rows) + 1]] <- data.frame(
              file = f, lonely = lonely, method = m, level = lv, by = gname, domain = k,
              estimate = fmt(as.numeric(res["est"])), se = fmt(as.numeric(res["se"])),
              lower = fmt(as.numeric(res["lower"])), upper = fmt(as.numeric(res["upper"])),
              df = res["df"], deff = fmt(as.numeric(res["deff"])), n = res["n"],
              error = ifelse(is.na(res["err"]), "", gsub("[\r\n,]", " ", res["err"])),
              stringsAsFactors = FALSE)
          }
          # svyby must agree with the per-domain calls wherever both succeed
          if (gname != "") {
            byf <- as.formula(paste("~", paste(g, collapse = "+")))
            sb <- tryCatch(suppressWarnings(
              svyby(~y, byf, desv, svyciprop, method = m, level = lv, vartype = c("se", "ci"))),
              error = function(e) NULL)
            if (!is.null(sb)) {
              sbkey <- do.call(paste, c(as.data.frame(sb)[g], sep = "|"))
              for (j in seq_along(sbkey)) {
                r <- per_domain[[sbkey[j]]]
                if (is.na(r["err"])) {
                  stopifnot(isTRUE(all.equal(unname(coef(sb)[j]), as.numeric(r["est"]), tolerance = 1e-12)),
                            isTRUE(all.equal(unname(SE(sb)[j]), as.numeric(r["se"]), tolerance = 1e-12)),
                            isTRUE(all.equal(c(sb$ci_l[j], sb$ci_u[j]),
                                             as.numeric(r[c("lower", "upper")]), tolerance = 1e-12)))
                }
              }
            }
          }
        }
      }
    }
  }
}

out <- do.call(rbind, rows)
write.csv(out, file.path("tests", "golden", "survey_r_values.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "rows with R", R.version.string, "and survey", format(packageVersion("survey")), "\n")
