"""预算校验 add-in, 生成说明 button: budget_checker_draft.xlam's ribbon runs
``RunPython "import budget_checker_draft; budget_checker_draft.main()"`` (keep this file next to
the .xlam)."""
import xlwings as xw


def main() -> None:
    book = xw.Book.caller()
    try:
        from checker.excel import write_draft

        write_draft(book)
    except ImportError as exc:
        book.app.alert(f"找不到校验程序 checker（{exc}）。请双击离线安装包（checker excel addin 文件夹 --offline 生成）"
                       "中的 安装.bat 重新安装；或在 myaddin.conf 指定的 Python 中运行 pip install budget_disclosure_checker-*.whl"
                       "（wheel 由 checker 源码目录中的 pip wheel . -w dist 生成）。", title="预算校验", mode="critical")
    except Exception as exc:  # shown to the user instead of xlwings' English traceback box
        book.app.alert(f"生成说明没有完成：{type(exc).__name__}：{exc}", title="预算校验", mode="critical")
