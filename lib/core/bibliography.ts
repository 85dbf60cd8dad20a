/**
 * The bibliography: every work a law, rule, constant set or dataset cites, in one place, so math and data
 * modules cite without importing each other. `where` on a citation pins the table, equation or cell.
 */
import type { Citation } from "./citation";

/** Citation of the paper this module implements. */
export const zhangCbsCitation: Citation = {
  key: "zhang2024cbs",
  authors: "Zhang, Morwani, Vyas, Wu, Zou, Ghai, Foster, Kakade",
  year: 2024,
  title: "How Does Critical Batch Size Scale in Pre-training?",
  arxiv: "2410.21676",
  url: "https://github.com/hlzhang109/critical-batch-size",
};

/** Citation of the paper this module implements. */
export const shuaiCitation: Citation = {
  key: "shuai2024batch",
  authors: "Shuai, Wang, Wu, Jiang, Ren",
  year: 2024,
  title: "Scaling Law for Language Models Training Considering Batch Size",
  arxiv: "2412.01505",
};

/** Citation of the paper this module implements. */
export const cosineCitation: Citation = {
  key: "loshchilov2017sgdr",
  authors: "Loshchilov, Hutter",
  year: 2017,
  title: "SGDR: Stochastic Gradient Descent with Warm Restarts",
  arxiv: "1608.03983",
};

/** Citation of the paper this module implements. */
export const emaScalingCitation: Citation = {
  key: "busbridge2023ema",
  authors: "Busbridge et al.",
  year: 2023,
  title: "How to Scale Your EMA",
  arxiv: "2307.13813",
};

/** Citation of the paper this module implements. */
export const bjorckCitation: Citation = {
  key: "bjorck2024horizon",
  authors: "Bjorck et al.",
  year: 2024,
  title: "Scaling Optimal LR Across Token Horizons",
  arxiv: "2409.19913",
};

/** Citation of the paper this module implements. */
export const muScalingCitation: Citation = {
  key: "yao2023muscaling",
  authors: "Yao, Wang",
  year: 2023,
  title: "Research without Re-search: Maximal Update Parametrization Yields Accurate Loss Prediction across Scales",
  arxiv: "2304.06875",
  url: "https://github.com/cofe-ai/Mu-scaling",
  where: "fit_scale_loss_prediction.py",
};

/** Citation of the paper this module implements. */
export const munitCitation: Citation = {
  key: "narayan2025munit",
  authors: "Narayan et al.",
  year: 2025,
  title: "μnit Scaling: Simple and Scalable FP8 LLM Training",
  arxiv: "2502.05967",
  where: "abstract (components confirmed); LR rule from memory, unverified",
};

/** Citation of the paper this module implements. */
export const umupCitation: Citation = {
  key: "blake2024umup",
  authors: "Blake et al.",
  year: 2024,
  title: "u-μP: The Unit-Scaled Maximal Update Parametrization",
  arxiv: "2407.17465",
  url: "https://github.com/graphcore-research/unit-scaling",
  where: "unit_scaling/optim.py (lr_scale_func_adam, lr_scale_func_sgd)",
};

/** Citation of the paper this module implements. */
export const mupCitation: Citation = {
  key: "yang2022mup",
  authors: "Yang, Hu et al.",
  year: 2022,
  title: "Tensor Programs V: Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer",
  arxiv: "2203.03466",
  url: "https://github.com/microsoft/mup",
  where: "Tables 3 and 8; microsoft/mup mup/optim.py, mup/layer.py, README",
};

/** Citation of the paper this module implements. */
export const timeTransferCitation: Citation = {
  key: "filatov2024timetransfer",
  authors: "Filatov, Ebert, Wang, Kesselheim",
  year: 2024,
  title: "Time Transfer: On Optimal Learning Rate and Batch Size In The Infinite Data Limit",
  arxiv: "2410.05838",
};

/** Citation of the paper this module implements. */
export const wsdCitation: Citation = {
  key: "hagele2024wsd",
  authors: "Hägele et al.",
  year: 2024,
  title: "Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations",
  arxiv: "2405.18392",
  url: "https://github.com/epfml/schedules-and-scaling",
  where: "src/optim/utils.py::wsd_schedule",
};

/** Citation of the paper this module implements. */
export const suCitation: Citation = {
  key: "su2024unraveling",
  authors: "Su, Tian, Shen, Cai",
  year: 2024,
  title: "Unraveling the Mystery of Scaling Laws: Part I",
  arxiv: "2403.06563",
};

/** Citation of the paper this module implements. */
export const goyalCitation: Citation = {
  key: "goyal2017",
  authors: "Goyal et al.",
  year: 2017,
  title: "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour",
  arxiv: "1706.02677",
};

/** Citation of the paper this module implements. */
export const malladiCitation: Citation = {
  key: "malladi2022sde",
  authors: "Malladi, Lyu, Panigrahi, Arora",
  year: 2022,
  title: "On the SDEs and Scaling Rules for Adaptive Gradient Algorithms",
  arxiv: "2205.10287",
};

/** Citation of the paper this module implements. */
export const stepLawCitation: Citation = {
  key: "li2025steplaw",
  authors: "Li et al.",
  year: 2025,
  title: "Predictable Scale: Part I — Optimal Hyperparameter Scaling Law in Large Language Model Pretraining",
  arxiv: "2503.04715",
  url: "https://github.com/step-law/steplaw",
};

/** Citation of the paper this module implements. */
export const tissueCitation: Citation = {
  key: "tissue2024annealing",
  authors: "Tissue, Wang, Wang",
  year: 2024,
  title: "Scaling Law with Learning Rate Annealing",
  arxiv: "2408.11029",
};

/** Citation of the paper this module implements. */
export const mccandlishCitation: Citation = {
  key: "mccandlish2018",
  authors: "McCandlish, Kaplan, Amodei, OpenAI Dota Team",
  year: 2018,
  title: "An Empirical Model of Large-Batch Training",
  arxiv: "1812.06162",
};

export const chinchillaCitation: Citation = {
  key: "hoffmann2022",
  authors: "Hoffmann, Borgeaud, Mensch, Buchatskaya, Cai, Rutherford, et al.",
  year: 2022,
  title: "Training Compute-Optimal Large Language Models",
  arxiv: "2203.15556",
  where: "Section 3.3 (Approach 3), Eq. 10; constants as used in epoch-research/analyzing-chinchilla data_analysis.ipynb",
};

export const besiroglu2024Citation: Citation = {
  key: "besiroglu2024",
  authors: "Besiroglu, Erdil, Barnett, You",
  year: 2024,
  title: "Chinchilla Scaling: A replication attempt",
  arxiv: "2404.10102",
  url: "https://github.com/epoch-research/analyzing-chinchilla",
  where: "Table 1 and data_analysis.ipynb outputs (commit 92258837)",
};

export const clarkMoeCitation: Citation = {
  key: "clark2022",
  authors: "Clark, de las Casas, Guy, Mensch, Paganini, Hoffmann, et al.",
  year: 2022,
  title: "Unified Scaling Laws for Routed Language Models",
  arxiv: "2202.01169",
};

export const krajewskiMoeCitation: Citation = {
  key: "krajewski2024",
  authors: "Krajewski, Ludziejewski, Adamczewski, Pióro, Krutul, Antoniak, Ciebiera, Król, Odrzygóźdź, Sankowski, Cygan, Jaszczur",
  year: 2024,
  title: "Scaling Laws for Fine-Grained Mixture of Experts",
  arxiv: "2402.07871",
};

export const jointMoeCitation: Citation = {
  key: "ludziejewski2025",
  authors: "Ludziejewski, Pióro, Krajewski, Stefaniak, Krutul, Małaśnicki, Cygan, Sankowski, Adamczewski, Miłoś, Jaszczur",
  year: 2025,
  title: "Joint MoE Scaling Laws: Mixture of Experts Can Be Memory Efficient",
  arxiv: "2502.05172",
};

export const porianCitation: Citation = {
  key: "porian2024",
  authors: "Porian, Wortsman, Jitsev, Schmidt, Carmon",
  year: 2024,
  title: "Resolving Discrepancies in Compute-Optimal Scaling of Language Models",
  arxiv: "2406.19146",
  url: "https://github.com/formll/resolving-scaling-law-discrepancies",
  where: "data.py (commit 0dc60d91): params_no_embed, params_active_precise, flops_per_token_* columns",
};

export const deepseekCitation: Citation = {
  key: "deepseek2024",
  authors: "DeepSeek-AI (Bi et al.)",
  year: 2024,
  title: "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism",
  arxiv: "2401.02954",
  where: "Section 3.2, model scale M (formula from memory, see hparams.md §8)",
};

export const sardanaCitation: Citation = {
  key: "sardana2023",
  authors: "Sardana, Portes, Doubov, Frankle",
  year: 2023,
  title: "Beyond Chinchilla-Optimal: Accounting for Inference in Language Model Scaling Laws",
  arxiv: "2401.00448",
  where: "problem statement; the numeric solver here works for any L(N, D)",
};

export const observationalCitation: Citation = {
  key: "ruan2024",
  authors: "Ruan, Maddison, Hashimoto",
  year: 2024,
  title: "Observational Scaling Laws and the Predictability of Language Model Performance",
  arxiv: "2405.10938",
  url: "https://github.com/ryoungj/ObsScaling",
  where: "utils/data.py perform_pca, pca_impute, fit_multivariate_regression_model (commit 4d6e1e43); eval_results/base_llm_benchmark_eval.csv",
};

export const henighanCitation: Citation = {
  key: "henighan2020",
  authors: "Henighan, Kaplan, Katz, Chen, Hesse, Jackson, Jun, Brown, Dhariwal, Gray, Hallacy, Mann, Radford, Ramesh, Ryder, Ziegler, Schulman, Amodei, McCandlish",
  year: 2020,
  title: "Scaling Laws for Autoregressive Generative Modeling",
  arxiv: "2010.14701",
};

export const bnslCitation: Citation = {
  key: "caballero2022",
  authors: "Caballero, Gupta, Rish, Krueger",
  year: 2022,
  title: "Broken Neural Scaling Laws",
  arxiv: "2210.14891",
  url: "https://github.com/ethancaballero/broken_neural_scaling_laws",
  where: "Eq. 1; fit_bnsl_and_extrapolate__4_digit_addition__dataset_size_x-axis.py (commit ffa608f7)",
};

export const distillationCitation: Citation = {
  key: "busbridge2025",
  authors: "Busbridge, Shidani, Weers, Ramapuram, Littwin, Webb",
  year: 2025,
  title: "Distillation Scaling Laws",
  arxiv: "2502.08606",
};

export const gadreCitation: Citation = {
  key: "gadre2024",
  authors: "Gadre, Smyrnis, Shankar, Gururangan, Wortsman, Shao, Mercat, Fang, Li, Keh, Xin, Nezhurina, Vasiljevic, Jitsev, Soldaini, Dimakis, Ilharco, Koh, Song, Kollar, Carmon, Dave, Heckel, Muennighoff, Schmidt",
  year: 2024,
  title: "Language models scale reliably with over-training and on downstream tasks",
  arxiv: "2403.08540",
  url: "https://github.com/mlfoundations/scaling",
  where: "scaling/laws.py powlaw_ours, scaling/shared.py fit_ds (commit a003c491); exp_data/models/*.json",
};

export const kaplanCitation: Citation = {
  key: "kaplan2020",
  authors: "Kaplan, McCandlish, Henighan, Brown, Chess, Child, Gray, Radford, Wu, Amodei",
  year: 2020,
  title: "Scaling Laws for Neural Language Models",
  arxiv: "2001.08361",
  where: "Tables 2, 3, 5 and Eqs. 1.1–1.8 (constants from memory, to be checked against the PDF)",
};

export const dilocoCitation: Citation = {
  key: "charles2025",
  authors: "Charles, Teston, Dery, Rush, Fallen, Garrett, Szlam, Douillard",
  year: 2025,
  title: "Communication-Efficient Language Model Training Scales Reliably and Robustly: Scaling Laws for DiLoCo",
  arxiv: "2503.09799",
};

export const lossToLossCitation: Citation = {
  key: "brandfonbrener2024",
  authors: "Brandfonbrener, Anand, Vyas, Malach, Kakade",
  year: 2024,
  title: "Loss-to-Loss Prediction: Scaling Laws for All Datasets",
  arxiv: "2411.12925",
};

export const hestnessCitation: Citation = {
  key: "hestness2017",
  authors: "Hestness, Narang, Ardalani, Diamos, Jun, Kianinejad, Patwary, Yang, Zhou",
  year: 2017,
  title: "Deep Learning Scaling is Predictable, Empirically",
  arxiv: "1712.00409",
};

export const muennighoffCitation: Citation = {
  key: "muennighoff2023",
  authors: "Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf, Raffel",
  year: 2023,
  title: "Scaling Data-Constrained Language Models",
  arxiv: "2305.16264",
  url: "https://github.com/huggingface/datablations",
  where: "datablations README \"Parametric Fit\" (commit 13701315) and utils/parametric_fit.ipynb",
};

export const bhagiaCitation: Citation = {
  key: "bhagia2024",
  authors: "Bhagia, Liu, Wettig, Heineman, Tafjord, Jha, Soldaini, Smith, Groeneveld, Koh, Dodge, Hajishirzi",
  year: 2024,
  title: "Establishing Task Scaling Laws via Compute-Efficient Model Ladders",
  arxiv: "2412.04403",
};

export const yeMixingCitation: Citation = {
  key: "ye2024mixinglaws",
  authors: "Ye, Liu, Sun, Zhou, Zhan, Qiu",
  year: 2024,
  title: "Data Mixing Laws: Optimizing Data Mixtures by Predicting Language Modeling Performance",
  arxiv: "2403.16952",
  url: "https://github.com/yegcjs/mixinglaws",
  where: "mixing-law form L_i(r) = c_i + k_i exp(Σ_j t_ij r_j); pipeline/run.sh for the nested pipeline",
};

export const bimixCitation: Citation = {
  key: "ge2024bimix",
  authors: "Ge, Ma, Chen, Li, Ding",
  year: 2024,
  title: "BiMix: Bivariate Data Mixing Law for Language Model Pretraining",
  arxiv: "2405.14908",
  where: "abstract (mean relative error < 0.2%, R² > 0.97); five coefficients per domain",
};

export const regmixCitation: Citation = {
  key: "liu2024regmix",
  authors: "Liu, Zeng, Dou, Chen, Pang, Du, Lin",
  year: 2024,
  title: "RegMix: Data Mixture as Regression for Language Model Pre-training",
  arxiv: "2407.01492",
  url: "https://github.com/sail-sg/regmix",
  where: "data/ (512 1M proxies, 256/256/64 test mixtures at 1M/60M/1B); README method",
};

export const qqtCitation: Citation = {
  key: "goyal2024qqt",
  authors: "Goyal, Maini, Lipton, Raghunathan, Kolter",
  year: 2024,
  title: "Scaling Laws for Data Filtering — Data Curation cannot be Compute Agnostic",
  arxiv: "2404.07177",
  url: "https://github.com/locuslab/scaling_laws_data_filtering",
  where: "objective.py (utility decay with repetitions, pool mixtures)",
};

export const doremiCitation: Citation = {
  key: "xie2023doremi",
  authors: "Xie, Pham, Dong, Du, Liu, Lu, Liang, Le, Ma, Yu",
  year: 2023,
  title: "DoReMi: Optimizing Data Mixtures Speeds Up Language Model Pretraining",
  arxiv: "2305.10429",
  where: "update rule as summarised in the project reference §11.5 (from memory, unverified)",
};

// Papers of the seed list without a law elsewhere (issue 17)

export const cppCitation: Citation = {
  key: "zhang2024cpp",
  authors: "Zhang, Lyu, Liu, Ma",
  year: 2024,
  title: "Collaborative Performance Prediction for Large Language Models",
  arxiv: "2407.01300",
};

export const wukongCitation: Citation = {
  key: "zhang2024wukong",
  authors: "Zhang, Luo, Chen, Nie, Liu, Guo, Zhao, Li, Hao, Yao, Lakshminarayanan, Wen, Park, Naumov, Chen",
  year: 2024,
  title: "Wukong: Towards a Scaling Law for Large-Scale Recommendation",
  arxiv: "2403.02545",
};

export const misfittingCitation: Citation = {
  key: "li2025misfitting",
  authors: "Li, Kudugunta, Zettlemoyer",
  year: 2025,
  title: "(Mis)Fitting: A Survey of Scaling Laws",
  arxiv: "2502.18969",
};

export const passUntilCitation: Citation = {
  key: "hu2023passuntil",
  authors: "Hu, Liu, Han, Zhang, He, Zhao, Lin, Ding, Ou, Zeng, Liu, Sun",
  year: 2023,
  title: "Unlock Predictable Scaling from Emergent Abilities",
  arxiv: "2310.03262",
};

export const sorscherPruningCitation: Citation = {
  key: "sorscher2022pruning",
  authors: "Sorscher, Geirhos, Shekhar, Ganguli, Morcos",
  year: 2022,
  title: "Beyond neural scaling laws: beating power law scaling via data pruning",
  arxiv: "2206.14486",
};

export const xiaoRethinkingCitation: Citation = {
  key: "xiao2024rethinking",
  authors: "Xiao",
  year: 2024,
  title: "Rethinking Conventional Wisdom in Machine Learning: From Generalization to Scaling",
  arxiv: "2409.15156",
};

export const chertiClipCitation: Citation = {
  key: "cherti2023clip",
  authors: "Cherti, Beaumont, Wightman, Wortsman, Ilharco, Gordon, Schuhmann, Schmidt, Jitsev",
  year: 2023,
  title: "Reproducible scaling laws for contrastive language-image learning",
  arxiv: "2212.07143",
  url: "https://github.com/LAION-AI/scaling-laws-openclip",
};

export const tsfmScalingCitation: Citation = {
  key: "yao2024tsfm",
  authors: "Yao, Yang, Jiang, Liang, Jin, Pan",
  year: 2024,
  title: "Towards Neural Scaling Laws for Time Series Foundation Models",
  arxiv: "2410.12360",
};

export const slothCitation: Citation = {
  key: "polo2024sloth",
  authors: "Polo, Somerstep, Choshen, Sun, Yurochkin",
  year: 2024,
  title: "Sloth: scaling laws for LLM skills to predict multi-benchmark performance across families",
  arxiv: "2412.06540",
};

export const isikDownstreamCitation: Citation = {
  key: "isik2024downstream",
  authors: "Isik, Ponomareva, Hazimeh, Paparas, Vassilvitskii, Koyejo",
  year: 2024,
  title: "Scaling Laws for Downstream Task Performance of Large Language Models",
  arxiv: "2402.04177",
};

export const multilingualNmtCitation: Citation = {
  key: "fernandes2023mnmt",
  authors: "Fernandes, Ghorbani, Garcia, Freitag, Firat",
  year: 2023,
  title: "Scaling Laws for Multilingual Neural Machine Translation",
  arxiv: "2302.09650",
};

export const dynamicalModelCitation: Citation = {
  key: "bordelon2024dynamical",
  authors: "Bordelon, Atanasov, Pehlevan",
  year: 2024,
  title: "A Dynamical Model of Neural Scaling Laws",
  arxiv: "2402.01092",
};

export const finetuneScalingCitation: Citation = {
  key: "zhang2024finetune",
  authors: "Zhang, Liu, Cherry, Firat",
  year: 2024,
  title: "When Scaling Meets LLM Finetuning: The Effect of Data, Model and Finetuning Method",
  arxiv: "2402.17193",
};

export const t2iScalabilityCitation: Citation = {
  key: "li2024t2i",
  authors: "Li, Zou, Wang, Majumder, Xie, Manmatha, Swaminathan, Tu, Ermon, Soatto",
  year: 2024,
  title: "On the Scalability of Diffusion-based Text-to-Image Generation",
  arxiv: "2404.02883",
};

export const crossLingualCptCitation: Citation = {
  key: "zheng2024cpt",
  authors: "Zheng, Pan, Xu, Qin, Yue, Zhou",
  year: 2024,
  title: "Breaking Language Barriers: Cross-Lingual Continual Pre-Training at Scale",
  arxiv: "2407.02118",
};

export const abnarSparsityCitation: Citation = {
  key: "abnar2025sparsity",
  authors: "Abnar, Shah, Busbridge, El-Nouby, Susskind, Thilak",
  year: 2025,
  title: "Parameters vs FLOPs: Scaling Laws for Optimal Sparsity for Mixture-of-Experts Language Models",
  arxiv: "2501.12370",
};

export const elusiveDownstreamCitation: Citation = {
  key: "schaeffer2024elusive",
  authors: "Schaeffer, Schoelkopf, Miranda, Mukobi, Madan, Ibrahim, Bradley, Biderman, Koyejo",
  year: 2024,
  title: "Why Has Predicting Downstream Capabilities of Frontier AI Models with Scale Remained Elusive?",
  arxiv: "2406.04391",
};

export const ivgiMicroscopeCitation: Citation = {
  key: "ivgi2022microscope",
  authors: "Ivgi, Carmon, Berant",
  year: 2022,
  title: "Scaling Laws Under the Microscope: Predicting Transformer Performance from Small Scale Experiments",
  arxiv: "2202.06387",
};

export const gemstonesCitation: Citation = {
  key: "mcleish2025gemstones",
  authors: "McLeish, Kirchenbauer, Miller, Singh, Bhatele, Goldblum, Panda, Goldstein",
  year: 2025,
  title: "Gemstones: A Model Suite for Multi-Faceted Scaling Laws",
  arxiv: "2502.06857",
  url: "https://github.com/mcleish7/gemstone-scaling-laws",
};

export const inverseScalingCitation: Citation = {
  key: "mckenzie2023inverse",
  authors: "McKenzie, Lyzhov, Pieler, Parrish, Mueller, Prabhu, McLean, Kirtland, Ross, Liu, et al.",
  year: 2023,
  title: "Inverse Scaling: When Bigger Isn't Better",
  arxiv: "2306.09479",
  url: "https://inversescaling.com/data",
};

export const rectifiedScalingCitation: Citation = {
  key: "lin2024rectified",
  authors: "Lin, Huang, Ye, Chen, Wang, Li, Ma, Wan, Zou, Liang",
  year: 2024,
  title: "Selecting Large Language Model to Fine-tune via Rectified Scaling Law",
  arxiv: "2402.02314",
};

export const zhaiVitCitation: Citation = {
  key: "zhai2022vit",
  authors: "Zhai, Kolesnikov, Houlsby, Beyer",
  year: 2022,
  title: "Scaling Vision Transformers",
  arxiv: "2106.04560",
};

export const hstuCitation: Citation = {
  key: "zhai2024hstu",
  authors: "Zhai, Liao, Liu, Wang, Li, Cao, Gao, Gong, Gu, He, Lu, Shi",
  year: 2024,
  title: "Actions Speak Louder than Words: Trillion-Parameter Sequential Transducers for Generative Recommendations",
  arxiv: "2402.17152",
};

export const performanceLawCitation: Citation = {
  key: "wu2024performancelaw",
  authors: "Wu, Tang",
  year: 2024,
  title: "Performance Law of Large Language Models",
  arxiv: "2408.09895",
};

export const moreComputeCitation: Citation = {
  key: "guo2024morecompute",
  authors: "Guo",
  year: 2024,
  title: "More Compute Is What You Need",
  arxiv: "2404.19484",
};

export const ditScalingCitation: Citation = {
  key: "liang2024dit",
  authors: "Liang, He, Yang, Dai",
  year: 2024,
  title: "Scaling Laws For Diffusion Transformers",
  arxiv: "2410.08184",
};

export const solvableModelCitation: Citation = {
  key: "maloney2022solvable",
  authors: "Maloney, Roberts, Sully",
  year: 2022,
  title: "A Solvable Model of Neural Scaling Laws",
  arxiv: "2210.16859",
};

export const tayArchitecturesCitation: Citation = {
  key: "tay2022architectures",
  authors: "Tay, Dehghani, Abnar, Chung, Fedus, Rao, Narang, Tran, Yogatama, Metzler",
  year: 2022,
  title: "Scaling Laws vs Model Architectures: How does Inductive Bias Influence Scaling?",
  arxiv: "2207.10551",
};

export const latentDiffusionScalingCitation: Citation = {
  key: "mei2024ldm",
  authors: "Mei, Tu, Delbracio, Talebi, Patel, Milanfar",
  year: 2024,
  title: "Bigger is not Always Better: Scaling Properties of Latent Diffusion Models",
  arxiv: "2404.01367",
};

export const lotteryTicketCitation: Citation = {
  key: "liu2023lottery",
  authors: "Liu, Tegmark",
  year: 2023,
  title: "A Neural Scaling Law from Lottery Ticket Ensembling",
  arxiv: "2310.02258",
};

export const valueRlCitation: Citation = {
  key: "rybkin2025valuerl",
  authors: "Rybkin, Nauman, Fu, Snell, Abbeel, Levine, Kumar",
  year: 2025,
  title: "Value-Based Deep RL Scales Predictably",
  arxiv: "2502.04327",
};

export const videoDitCitation: Citation = {
  key: "yin2024videodit",
  authors: "Yin, Zhao, Zheng, Lin, Ou, Chen, Huang, Wang, Tao, Wan, et al.",
  year: 2024,
  title: "Towards Precise Scaling Laws for Video Diffusion Transformers",
  arxiv: "2411.17470",
};

export const fineLineCitation: Citation = {
  key: "yang2024fineline",
  authors: "Yang, Li, Niu, Du, Gao, Zhang, Chen, et al.",
  year: 2024,
  title: "The Fine Line: Navigating Large Language Model Pretraining with Down-streaming Capability Analysis",
  arxiv: "2404.01204",
};

export const beyondBackpropCitation: Citation = {
  key: "filipovich2022backprop",
  authors: "Filipovich, Cappelli, Hesslow, Launay",
  year: 2022,
  title: "Scaling Laws Beyond Backpropagation",
  arxiv: "2210.14593",
};

export const dataDecideCitation: Citation = {
  key: "magnusson2025datadecide",
  authors: "Magnusson, Tai, Bogin, Heineman, Hwang, Soldaini, Bhagia, Liu, Groeneveld, Tafjord, Smith, Koh, Dodge",
  year: 2025,
  title: "DataDecide: How to Predict Best Pretraining Data with Small Experiments",
  arxiv: "2504.11393",
};

export const trainableParamsCitation: Citation = {
  key: "chatelain2021trainable",
  authors: "Chatelain, Djeghri, Hesslow, Launay, Poli",
  year: 2021,
  title: "Is the Number of Trainable Parameters All That Actually Matters?",
  arxiv: "2109.11928",
};

export const modelCollapseCitation: Citation = {
  key: "dohmatob2024tails",
  authors: "Dohmatob, Feng, Yang, Charton, Kempe",
  year: 2024,
  title: "A Tale of Tails: Model Collapse as a Change of Scaling Laws",
  arxiv: "2402.07043",
};

export const reducedScaleCitation: Citation = {
  key: "muckatira2024reduced",
  authors: "Muckatira, Deshpande, Lialin, Rumshisky",
  year: 2024,
  title: "Emergent Abilities in Reduced-Scale Generative Language Models",
  arxiv: "2404.02204",
};

export const qualityDataCitation: Citation = {
  key: "chang2024quality",
  authors: "Chang, Paltenghi, Li, Lin, Zhao, Huber, Liu, Rabatin, Shi, Chandra",
  year: 2024,
  title: "Scaling Parameter-Constrained Language Models with Quality Data",
  arxiv: "2410.03083",
};

export const upcyclingCitation: Citation = {
  key: "liew2025upcycling",
  authors: "Liew, Kato, Takase",
  year: 2025,
  title: "Scaling Laws for Upcycling Mixture-of-Experts Language Models",
  arxiv: "2502.03009",
  url: "https://github.com/sbintuitions/sparse-upcycling-scaling-laws",
};

export const knowledgeCapacityCitation: Citation = {
  key: "allenzhu2024capacity",
  authors: "Allen-Zhu, Li",
  year: 2024,
  title: "Physics of Language Models: Part 3.3, Knowledge Capacity Scaling Laws",
  arxiv: "2404.05405",
};

// Planning (issue 14)

/** NVIDIA A100 Tensor Core GPU datasheet (dense BF16 312 TFLOP/s; 624 with 2:4 sparsity). */
export const nvidiaA100Citation: Citation = {
  key: "nvidia2020a100",
  authors: "NVIDIA",
  year: 2020,
  title: "NVIDIA A100 Tensor Core GPU datasheet",
  url: "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf",
  where: "BFLOAT16 Tensor Core 312 TFLOPS (624 with sparsity); read via glennklockwood.com/garden/processors/A100, which tabulates the datasheet",
};

/** NVIDIA H100 Tensor Core GPU datasheet (SXM: 1,979 TFLOP/s BF16 with sparsity, half without). */
export const nvidiaH100Citation: Citation = {
  key: "nvidia2022h100",
  authors: "NVIDIA",
  year: 2022,
  title: "NVIDIA H100 Tensor Core GPU datasheet",
  url: "https://www.nvidia.com/en-us/data-center/h100/",
  where: "H100 SXM BFLOAT16 Tensor Core 1,979 TFLOPS \"shown with sparsity; specifications 1/2 lower without\" (datasheet as reproduced by HPCTech); 989.4 dense in glennklockwood.com/garden/processors/h100, which also states H200 has the same compute",
};

/** NVIDIA B200 (Blackwell) specifications: 2.25 PFLOP/s dense FP16/BF16 (4.5 with sparsity), from a spec aggregator. */
export const nvidiaB200Citation: Citation = {
  key: "nvidia2024b200",
  authors: "NVIDIA",
  year: 2024,
  title: "NVIDIA B200 Tensor Core GPU specifications",
  url: "https://www.nvidia.com/en-us/data-center/hgx/",
  where: "BF16 Tensor 2.25 PFLOPS dense / 4.5 sparse as tabulated by hmc-tech.com (vendor datasheet not read; HGX and GB200 parts run at different clocks)",
};

/** AMD Instinct MI300X datasheet (peak dense BF16, from memory). */
export const amdMi300xCitation: Citation = {
  key: "amd2023mi300x",
  authors: "AMD",
  year: 2023,
  title: "AMD Instinct MI300X accelerator datasheet",
  url: "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html",
  where: "peak BF16 matrix 1,307.4 TFLOPS dense (from memory; not found in the sources searched)",
};

/** Google Cloud TPU system architecture pages (peak bf16 compute per chip). */
export const googleTpuCitation: Citation = {
  key: "google2024tpu",
  authors: "Google Cloud",
  year: 2024,
  title: "Cloud TPU documentation: TPU v4, v5e, v5p system architecture",
  url: "https://cloud.google.com/tpu/docs/v5p",
  where: "\"Peak compute per chip (bf16)\": v5p 459 TFLOPs, v5e 197 TFLOPs (read); v4 275 TFLOPs (from memory)",
};

/** NVIDIA V100 datasheet (125 TFLOP/s FP16 tensor; no BF16). */
export const nvidiaV100Citation: Citation = {
  key: "nvidia2017v100",
  authors: "NVIDIA",
  year: 2017,
  title: "NVIDIA Tesla V100 GPU datasheet",
  url: "https://www.nvidia.com/en-us/data-center/v100/",
  where: "Tensor Performance 125 TFLOPS (FP16, SXM2; from memory)",
};

/** PaLM: model FLOPs utilisation (MFU) defined and measured (46.2% for 540B). */
export const palmCitation: Citation = {
  key: "chowdhery2022palm",
  authors: "Chowdhery, Narang, Devlin, et al.",
  year: 2022,
  title: "PaLM: Scaling Language Modeling with Pathways",
  arxiv: "2204.02311",
  where: "Section 4.1 and Table 3: MFU 46.2% for PaLM 540B (from memory)",
};

/** DeepSeek LLM's public README: 7B/67B pre-training batch, learning rate and schedule. */
export const deepseekLlmReadmeCitation: Citation = {
  key: "deepseek2023readme",
  authors: "DeepSeek-AI",
  year: 2023,
  title: "DeepSeek LLM README (github.com/deepseek-ai/DeepSeek-LLM)",
  url: "https://github.com/deepseek-ai/DeepSeek-LLM",
  where: "§4 Pre-Training: 2T tokens, seq 4096; 7B batch 2304, LR 4.2e-4; 67B batch 4608, LR 3.2e-4; 2000 warmup steps, LR stepped to 31.6% at 1.6T and 10% at 1.8T tokens",
};
