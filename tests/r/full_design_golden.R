# Golden values for full designs: finite population corrections and two-stage designs.
#
# Run from the repository root, after tests/r/compare_golden.R (which writes R's api data out):
#   Rscript tests/r/full_design_golden.R
# It writes tests/golden/full_design_r_values.csv: for each design below, svyciprop() of every
# method by domain (with degf() of the domain and svymean(deff = "replace")), the difference of
# every pair of domains (svyby(..., covmat = TRUE) + svycontrast, with confint(con) as lower and
# upper and the two-sided Wald p-value 2 * pnorm(-abs(coef(con) / SE(con))) as p_value) and
# svychisq(statistic = "F").
#   apistrat_fpc  svydesign(id = ~1, strata = ~stype, fpc = ~fpc)              one stage, fpc
#   apiclus1_fpc  svydesign(id = ~dnum, fpc = ~fpc)                            clusters, fpc
#   apiclus2_fpc  svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2)             two stages, fpc
#   apiclus2_wr   svydesign(id = ~dnum + snum)                                 two stages, no fpc

suppressPackageStartupMessages(library(survey))

golden <- file.path("tests", "golden")
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
read <- function(f) read.csv(file.path(golden, paste0(f, ".csv")), stringsAsFactors = FALSE)
strat <- read("r_apistrat")
clus1 <- read("r_apiclus1")
clus2 <- read("r_apiclus2")
specs <- list(
  apistrat_fpc = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat),
  apiclus1_fpc = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1),
  apiclus2_fpc = svydesign(id = ~dnum + snum, weights = ~pw, fpc = ~fpc1 + fpc2, data = clus2),
  apiclus2_wr = svydesign(id = ~dnum + snum, weights = ~pw, data = clus2)
)
methods <- c("mean", "logit", "xlogit", "asin", "beta", "likelihood")

rows <- list()
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
for (name in names(specs)) {
  des <- specs[[name]]
  doms <- sort(unique(des$variables$stype))
  for (k in c("(all)", doms)) {
    sub <- if (k == "(all)") des else des[des$variables$stype == k, ]
    dm <- svymean(~y, sub, deff = "replace")
    for (m in methods) {
      ci <- svyciprop(~y, sub, method = m)
      add(design = name, kind = "prevalence", method = m, a = k, b = "",
          estimate = fmt(unname(coef(ci))), se = fmt(unname(SE(ci))),
          lower = fmt(unname(confint(ci)[1])), upper = fmt(unname(confint(ci)[2])),
          df = degf(sub), deff = fmt(unname(deff(dm))), statistic = "NA", ndf = "NA", ddf = "NA",
          p_value = "NA")
    }
  }
  sb <- svyby(~y, ~stype, des, svymean, covmat = TRUE)
  keys <- as.character(sb$stype)
  for (i in doms) for (j in doms) {
    if (i == j) next
    ct <- svycontrast(sb, as.numeric(keys == i) - as.numeric(keys == j))
    ci <- confint(ct)
    add(design = name, kind = "difference", method = "", a = i, b = j,
        estimate = fmt(unname(coef(ct))), se = fmt(unname(SE(ct))),
        lower = fmt(unname(ci[1])), upper = fmt(unname(ci[2])), df = NA, deff = "NA",
        statistic = "NA", ndf = "NA", ddf = "NA",
        p_value = fmt(unname(2 * pnorm(-abs(coef(ct) / SE(ct))))))
  }
  ch <- svychisq(~y + stype, des, statistic = "F")
  add(design = name, kind = "chisq", method = "", a = "", b = "", estimate = "NA", se = "NA",
      lower = "NA", upper = "NA", df = NA, deff = "NA", statistic = fmt(unname(ch$statistic)),
      ndf = fmt(unname(ch$parameter["ndf"])), ddf = fmt(unname(ch$parameter["ddf"])),
      p_value = fmt(ch$p.value))
}

out <- do.call(rbind, rows)
write.csv(out, file.path(golden, "full_design_r_values.csv"), row.names = FALSE)
cat("wrote", nrow(out), "rows with R", R.version.string, "and survey",
    format(packageVersion("survey")), "\n")
