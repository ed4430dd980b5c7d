"""Gemeenten in 3D: the quantitative annex to the ROB's study of twenty municipalities (2015-2017).

Modules are named after the domain: ``paths`` (where everything lives), ``cbs`` (CBS conventions
and StatLine access), ``sources`` (the immutable raw layer), ``geography`` (municipal boundaries and
key figures of 1 January 2017), ``cases`` (the twenty and any other municipality), ``indicators``
(comparisons with peers), ``maps`` and ``charts`` (figures), ``run`` (the papermill portfolio).
"""

__version__ = "0.1.0"
