"""Write datasets/pax_mali.csv: women among the delegates, signatories etc. of Mali's agreements.

Reads the PADD agreement-level file (Good 2024, derived from PA-X) in ../shared/data/pax/ with
``wpsstats.read.pax_delegates`` and keeps the agreements whose PA-X country is Mali or Mali/Azawad,
one row per agreement and role. PADD carries no agreement names; they are PA-X's ``Agt`` for the
same ``AgtId``, copied below from the PA-X agreements table in the public repository
manurubo/PAC2_VD_Manurubo, file pax_all_agreements_data.csv, commit
e71b724b901fb94007995b33804c85bd0196f628 (the dates there match PADD's). Run::

    .venv/bin/python datasets/scripts/make_pax_mali.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "pax" / "PADD_Agreement_Level.csv"
OUT = ROOT / "datasets" / "pax_mali.csv"

# PA-X AgtId -> Agt (agreement name), with PA-X's date to check against PADD's.
PAX_NAMES = {
    637: (
        "Pacte National conclu entre le Gouvernement de la République du Mali et les mouvements "
        "et fronts unifiés de l’Azawad consacrant le statut particulier du Nord au Mali",
        "1992-04-11",
    ),
    1365: (
        "Accord Pour la Paix et la Reconciliation au Mali - Issu du Processus d'Alger",
        "2015-06-20",
    ),
    2177: ("Peace agreement between the Dogon and Fulani communities of Koro", "2018-08-28"),
    2293: (
        "Peace agreement between the Fulani, Dogon and Dafing communities of the municipality of "
        "Ouenkoro",
        "2019-08-16",
    ),
}


def main() -> None:
    import warnings

    with warnings.catch_warnings():
        # PADD's Con has sub-state entities (Azawad, Darfur, ...) that are not countries
        warnings.simplefilter("ignore", wps.read.CountryNameWarning)
        # names are given for Mali's four agreements only; any other warning (a printed share
        # that disagrees with its counts) is the file's, and stops the script
        warnings.filterwarnings(
            "ignore", message=".*no name given for agreement", category=UserWarning
        )
        warnings.simplefilter("error", wps.read.DataConsistencyWarning)
        pax = wps.read.pax_delegates(
            SOURCE, agreements={k: name for k, (name, _) in PAX_NAMES.items()}
        )
    mali = pax[pax["country"].isin(["Mali", "Mali/Azawad"])].copy()
    found = set(mali["agreement_id"].astype(int))
    if found != set(PAX_NAMES):
        raise SystemExit(
            f"Mali agreements in PADD are {sorted(found)}, expected {sorted(PAX_NAMES)}"
        )
    dates = dict(
        zip(mali["agreement_id"].astype(int), mali["date"].dt.strftime("%Y-%m-%d"), strict=False)
    )
    for agt, (_, date) in PAX_NAMES.items():
        if dates[agt] != date:
            raise SystemExit(f"AgtId {agt}: PADD date {dates[agt]} differs from PA-X's {date}")
    mali["date"] = mali["date"].dt.strftime("%Y-%m-%d")
    out = mali[["agreement_id", "agreement", "date", "stage", "gewom", "role", "people", "women"]]
    out = out.sort_values(["date", "agreement_id"], kind="stable")
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, {len(found)} agreements")


if __name__ == "__main__":
    main()
