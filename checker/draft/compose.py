"""Drafting a disclosure's narrative through the template plugins (``checker_draft_narrative``)."""
from __future__ import annotations

from typing import Optional

import pluggy

from checker.core.drafting import Draft
from checker.core.errors import InputError
from checker.core.model import Disclosure


def draft_narrative(pm: pluggy.PluginManager, document: Disclosure, prior: Optional[Disclosure] = None) -> Draft:
    """The drafted narrative of ``document``; an :class:`InputError` when no template was recognised
    or no plugin drafts for its template."""
    if document.template is None:
        raise InputError(document.path, "无法识别工作簿所用的模板（找不到可识别的公开表表名），不能起草情况说明。"
                                        "请确认各表标题完整，或用 --template 指定模板。")
    found = pm.hook.checker_draft_narrative(document=document, prior=prior)
    if found is None:
        raise InputError(document.path, f"模板“{document.template.title}”没有起草情况说明的插件，暂不能起草。")
    return found
