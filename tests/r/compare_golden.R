# Golden values for wpsstats.prevalence_difference and wpsstats.survey_chisq from R's survey.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/compare_golden.R
# It writes R's own example data that the tests use (tests/golden/r_apistrat.csv,
# r_apiclus1.csv, r_apiclus2.csv and r_nhanes.csv: the columns the tests need, from data(api) and
# data(nhanes)), reads the synthetic DHS-like files of tests/r/make_survey_data.py, and writes
# tests/golden/compare_r_values.csv, one row per design x lonely-PSU option x by x pair of levels
# (kind "difference": svyby(~y, ~by, design, svymean, covmat = TRUE) on subset(design,
# !is.na(y)), then
# svycontrast(..., a - b), with confint(con) and confint(con, level = 0.90) as lower, upper and
# lower_90, upper_90, and the two-sided Wald p-value 2 * pnorm(-abs(coef(con) / SE(con)))) and
# per design x option x by (kind "chisq": svychisq(~y + by, design, statistic = "F")), holding
# what R printed to 17 significant digits. One more row (kind "svyttest") holds
# svyttest(y ~ region, subset(design, region %in% c("A", "B"))) of survey_dhs_like: the same
# statistic as the difference B - A over its SE, referred to t on the design's degrees of
# freedom (ddf), so a larger p-value and a wider interval (lower, upper) than svycontrast's.

suppressPackageStartupMessages(library(survey))

golden <- file.path("tests", "golden")
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

data(api)
data(nhanes)
yes <- function(f) as.integer(f == "Yes")
write.csv(data.frame(stype = apistrat$stype, y = yes(apistrat$awards), pw = apistrat$pw,
                     fpc = apistrat$fpc),
          file.path(golden, "r_apistrat.csv"), row.names = FALSE)
write.csv(data.frame(dnum = apiclus1$dnum, stype = apiclus1$stype, y = yes(apiclus1$sch.wide),
                     pw = apiclus1$pw, fpc = apiclus1$fpc),
          file.path(golden, "r_apiclus1.csv"), row.names = FALSE)
write.csv(data.frame(dnum = apiclus2$dnum, snum = apiclus2$snum, stype = apiclus2$stype,
                     y = yes(apiclus2$sch.wide), pw = apiclus2$pw, fpc1 = apiclus2$fpc1,
                     fpc2 = as.vector(apiclus2$fpc2)),
          file.path(golden, "r_apiclus2.csv"), row.names = FALSE)
write.csv(data.frame(psu = nhanes$SDMVPSU, strata = nhanes$SDMVSTRA, w = nhanes$WTMEC2YR,
                     y = nhanes$HI_CHOL, race = nhanes$race, agecat = as.character(nhanes$agecat)),
          file.path(golden, "r_nhanes.csv"), row.names = FALSE)

# name, file, design maker, by columns, lonely options
specs <- list(
  list("survey_dhs_like", function(d) svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = d),
       c("region", "agegrp"), c("fail", "adjust")),
  list("survey_lonely", function(d) svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = d),
       c("region"), c("fail", "remove", "certainty", "adjust", "average")),
  list("r_apistrat", function(d) svydesign(ids = ~1, strata = ~stype, weights = ~pw, data = d),
       c("stype"), c("fail")),
  list("r_apiclus1", function(d) svydesign(ids = ~dnum, weights = ~pw, data = d),
       c("stype"), c("fail")),
  list("r_nhanes", function(d) svydesign(ids = ~psu, strata = ~strata, weights = ~w, nest = TRUE, data = d),
       c("race", "agecat"), c("fail", "adjust"))
)

rows <- list()
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
for (s in specs) {
  dat <- read.csv(file.path(golden, paste0(s[[1]], ".csv")), stringsAsFactors = FALSE)
  for (lonely in s[[4]]) {
    options(survey.lonely.psu = lonely)
    # rows with a missing indicator leave the domain but keep the design (svyby's na.rm with
    # covmat = TRUE fails on them in survey 4.1)
    des <- subset(s[[2]](dat), !is.na(y))
    for (b in s[[3]]) {
      byf <- as.formula(paste("~", b))
      sb <- tryCatch(svyby(~y, byf, des, svymean, covmat = TRUE),
                     error = function(e) conditionMessage(e))
      lv <- sort(unique(dat[[b]][!is.na(dat$y)]))
      for (i in seq_along(lv)) for (j in seq_along(lv)) {
        if (i == j) next
        if (is.character(sb)) {
          add(kind = "difference", file = s[[1]], lonely = lonely, by = b, a = lv[i], b = lv[j],
              estimate = "NA", se = "NA", statistic = "NA", ndf = "NA", ddf = "NA",
              p_value = "NA", lower = "NA", upper = "NA", lower_90 = "NA", upper_90 = "NA",
              error = gsub("[\r\n,]", " ", sb))
          next
        }
        vec <- rep(0, length(coef(sb)))
        keys <- as.character(sb[[b]])
        vec[keys == as.character(lv[i])] <- 1
        vec[keys == as.character(lv[j])] <- -1
        ct <- svycontrast(sb, vec)
        ci <- confint(ct)
        ci90 <- confint(ct, level = 0.90)
        add(kind = "difference", file = s[[1]], lonely = lonely, by = b, a = lv[i], b = lv[j],
            estimate = fmt(unname(coef(ct))), se = fmt(unname(SE(ct))), statistic = "NA",
            ndf = "NA", ddf = "NA", p_value = fmt(unname(2 * pnorm(-abs(coef(ct) / SE(ct))))),
            lower = fmt(ci[1]), upper = fmt(ci[2]), lower_90 = fmt(ci90[1]),
            upper_90 = fmt(ci90[2]), error = "")
      }
      ch <- tryCatch(svychisq(as.formula(paste("~ y +", b)), des, statistic = "F"),
                     error = function(e) conditionMessage(e))
      if (is.character(ch)) {
        add(kind = "chisq", file = s[[1]], lonely = lonely, by = b, a = "", b = "",
            estimate = "NA", se = "NA", statistic = "NA", ndf = "NA", ddf = "NA", p_value = "NA",
            lower = "NA", upper = "NA", lower_90 = "NA", upper_90 = "NA",
            error = gsub("[\r\n,]", " ", ch))
      } else {
        add(kind = "chisq", file = s[[1]], lonely = lonely, by = b, a = "", b = "",
            estimate = "NA", se = "NA", statistic = fmt(unname(ch$statistic)),
            ndf = fmt(unname(ch$parameter["ndf"])), ddf = fmt(unname(ch$parameter["ddf"])),
            p_value = fmt(ch$p.value), lower = "NA", upper = "NA", lower_90 = "NA",
            upper_90 = "NA", error = "")
      }
    }
  }
}

# R's t-test of two domains: svyglm(y ~ region) on the rows of regions A and B, its coefficient
# (B - A) over its SE referred to t on the design's degrees of freedom less one
options(survey.lonely.psu = "fail")
dat <- read.csv(file.path(golden, "survey_dhs_like.csv"), stringsAsFactors = FALSE)
des <- subset(svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = dat), !is.na(y))
tt <- svyttest(y ~ region, subset(des, region %in% c("A", "B")))
add(kind = "svyttest", file = "survey_dhs_like", lonely = "fail", by = "region", a = "B",
    b = "A", estimate = fmt(unname(tt$estimate)), se = "NA",
    statistic = fmt(unname(tt$statistic)), ndf = "NA", ddf = fmt(unname(tt$parameter)),
    p_value = fmt(unname(tt$p.value)), lower = fmt(tt$conf.int[1]), upper = fmt(tt$conf.int[2]),
    lower_90 = "NA", upper_90 = "NA", error = "")

out <- do.call(rbind, rows)
write.csv(out, file.path(golden, "compare_r_values.csv"), row.names = FALSE)
cat("wrote", nrow(out), "rows with R", R.version.string, "and survey",
    format(packageVersion("survey")), "\n")
