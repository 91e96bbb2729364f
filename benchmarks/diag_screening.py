"""Diagnose the screen's power on simulated people: oracle statistics against what the engine sees.

For every true trigger of every simulated person (tuning seeds by default) this prints:

* how many periods the simulator really had a reaction to it in (and how many of them rated);
* the t statistic of an **oracle** regression of the rated symptom on the true reaction series
  (the best any diary statistic could do: it knows which periods reacted);
* the t statistic with the **true expected** exposure (true occasions, true doses, the person's
  dose threshold, the simulator's lag distribution), i.e. what a perfectly specified exposure
  would give;
* the t statistic of the engine's own exposure column in the same model, its guard counts and
  the engine's P(suspect) and status.

    python benchmarks/diag_screening.py [--people 60] [--scenario default] [--seeds tune|eval]
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from multiprocessing import Pool

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from zonula.analysis import screen
from zonula.analysis.design import Design, build_design
from zonula.analysis.dose import occasion_dose
from zonula.analysis.exposures import build_exposures, choose_foods
from zonula.analysis.lags import LagKernel, hour_bin, kernel_table
from zonula.analysis.periods import grid_for
from zonula.analysis.regression import covariate_basis, fit_slopes
from zonula.simulation import sample_person, scenario, simulate
from zonula.simulation.menu import true_groups
from zonula.simulation.observed import screening_input
from zonula.simulation.simulate import FULL_EFFECT_AFTER_H, PERIOD_BOUNDS

SEEDS = {"eval": 0, "tune": 100_000}


def _t(design: Design, x: np.ndarray) -> float:
    y, obs, z = design.y, design.observed, design.z
    xf = design.transform(x[:, None])[obs]
    if np.ptp(xf) == 0:
        return float("nan")
    fit = fit_slopes(y[obs], covariate_basis(z[obs]), xf)
    return float(fit.t[0])


def person_rows(job: tuple[str, int]) -> list[dict[str, object]]:
    """One person's rows, one per true trigger."""
    scen, seed = job
    rng = np.random.default_rng(seed)
    person = sample_person(scenario(scen), rng)
    diary = simulate(person, 56, rng=rng)
    data = screening_input(diary)
    report = screen(data, symptoms=[person.main_symptom])
    by_name = {r.exposure: r for r in report.results if r.kind == "group"}
    moments = [r.at for r in data.ratings] + [m.at for m in data.meals]
    grid = grid_for(moments)
    design = build_design(grid, data, person.main_symptom, noise=os.environ.get("NOISE", "days"))
    obs = design.observed
    foods = choose_foods(data.meals, min_occasions=6, max_foods=300)
    ex = build_exposures(grid, data.meals, foods=foods, food_windows=dict(data.food_windows),
                         impute_unlogged=os.environ.get("IMPUTE", "1") == "1")
    # grid hour 0 is diary day 0 04:00 local; the simulator's hour 0 is midnight of its day 0.
    offset_days = (grid.first_day - diary.start).days
    shift_h = 24.0 * offset_days + 4.0
    n = grid.n_periods
    rows = []
    for trig in person.triggers:
        react = np.zeros(n)
        for r in diary.reactions:
            if r.cause != trig.group:
                continue
            for p in range(n):
                day, slot = divmod(p, 3)
                lo = 24.0 * (day + offset_days) + PERIOD_BOUNDS[slot][0]
                hi = 24.0 * (day + offset_days) + PERIOD_BOUNDS[slot][1]
                ov = min(hi, r.end) - max(lo, r.start)
                if ov > 0:
                    react[p] = max(react[p], min(1.0, ov / FULL_EFFECT_AFTER_H))
        # true expected exposure: P(some reaction) from true occasions, true dose threshold
        kern = LagKernel(trig.lag.median, trig.lag.low, trig.lag.high, trig.lag.duration)
        table = kernel_table(kern)
        log_miss = np.zeros(n + table.shape[1] + 3)
        for day, occ in diary.eaten:
            d = occasion_dose(occ.portion, true_groups(occ.items).get(trig.group, []))
            if d <= 0 or d < trig.threshold:
                continue
            prob = trig.probability * (0.5 if occ.portion == "small" else 1.0)
            at = 24.0 * day + occ.hour - shift_h
            own = int(grid.index(np.array([at]))[0])
            w = table[hour_bin(np.array([at - 24.0 * np.floor(at / 24.0)]))[0]]
            for r_, wr in enumerate(w):
                if 0 <= own + r_ < n:
                    log_miss[own + r_] += np.log1p(-min(prob * wr, 0.999))
        expected = 1.0 - np.exp(log_miss[:n])
        col = ex.names.index(trig.group) if trig.group in ex.names else None
        engine_x = ex.acting[:, col] if col is not None else np.zeros(n)
        res = by_name.get(trig.group)
        rows.append({
            "group": trig.group,
            "react_periods": int((react > 0).sum()),
            "react_rated": int(((react > 0) & obs).sum()),
            "rated": int(obs.sum()),
            "t_oracle": _t(design, react),
            "t_expected": _t(design, expected),
            "t_engine": _t(design, engine_x),
            "corr_engine_react": float(np.corrcoef(engine_x[obs], react[obs])[0, 1])
            if np.ptp(engine_x[obs]) > 0 else float("nan"),
            "corr_expected_react": float(np.corrcoef(expected[obs], react[obs])[0, 1])
            if np.ptp(expected[obs]) > 0 else float("nan"),
            "exposed": res.exposed_periods if res else 0,
            "unexposed": res.unexposed_periods if res else 0,
            "status": res.status.value if res else "absent",
            "p_suspect": res.p_suspect if res and res.p_suspect is not None else float("nan"),
            "effect": res.effect if res and res.effect is not None else float("nan"),
            "phi": design.phi,
            "q": res.q_value if res and res.q_value is not None else float("nan"),
            "notes": ",".join(n.key for n in res.notes) if res else "",
        })
    return rows


def main() -> None:
    """Print per-trigger-group summaries."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--people", type=int, default=60)
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--seeds", choices=tuple(SEEDS), default="tune")
    args = ap.parse_args()
    with Pool(2) as pool:
        out = pool.map(person_rows, [(args.scenario, SEEDS[args.seeds] + i) for i in range(args.people)])
    rows = [r for rs in out for r in rs]
    by = defaultdict(list)
    for r in rows:
        by[r["group"]].append(r)
    by["ALL"] = rows
    print(f"{'group':16} {'n':>3} {'react':>6} {'t_orac':>7} {'t_exp':>6} {'t_eng':>6} {'P(t_or>3)':>9} "
          f"{'P(t_ex>3)':>9} {'P(t_en>3)':>9} {'r_eng':>6} {'r_exp':>6} {'insuf':>6} {'susp':>5} {'Psus':>5}")
    for g, rs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        def m(k: str, rs: list[dict[str, object]] = rs) -> float:
            return float(np.nanmean([float(r[k]) for r in rs]))  # type: ignore[arg-type]

        def share(k: str, rs: list[dict[str, object]] = rs) -> float:
            return float(np.mean([float(r[k]) > 3 for r in rs]))  # type: ignore[arg-type]
        ins = np.mean([r["status"] in ("insufficient_data", "absent") for r in rs])
        sus = np.mean([r["status"] == "suspect" for r in rs])
        print(f"{g:16} {len(rs):>3} {m('react_rated'):>6.1f} {m('t_oracle'):>7.2f} {m('t_expected'):>6.2f} "
              f"{m('t_engine'):>6.2f} {share('t_oracle'):>9.2f} {share('t_expected'):>9.2f} "
              f"{share('t_engine'):>9.2f} {m('corr_engine_react'):>6.2f} {m('corr_expected_react'):>6.2f} "
              f"{ins:>6.2f} {sus:>5.2f} {m('p_suspect'):>5.2f}")
    strong = [r for r in rows if float(r["t_engine"]) > 3]  # type: ignore[arg-type]
    print(f"true triggers with engine t > 3: {len(strong)}")
    for r in strong:
        print(f"  {r['group']:16} t {float(r['t_engine']):5.2f} P(suspect) {float(r['p_suspect']):.2f} "  # type: ignore[arg-type]
              f"q {float(r['q']):.3f} effect {float(r['effect']):.2f} {r['status']:12} {r['notes']}")  # type: ignore[arg-type]
    print(f"mean phi {np.mean([r['phi'] for r in rows]):.2f}, mean rated periods "
          f"{np.mean([r['rated'] for r in rows]):.0f}")


if __name__ == "__main__":
    main()
