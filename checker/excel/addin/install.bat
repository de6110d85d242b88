@echo off
rem 预算校验 offline installer: made by "checker excel addin DIR --offline"; see 安装说明.txt.
chcp 65001 >nul
setlocal
set "HERE=%~dp0"
set "VENV=%LOCALAPPDATA%\budget_checker\venv"
set "ADDINS=%APPDATA%\Microsoft\AddIns"
set "CONF=%USERPROFILE%\.myaddin\myaddin.conf"
set "PY="

if exist "%VENV%\Scripts\python.exe" goto :install

rem a Python 3.10-3.13 (the versions the wheels in wheels\ are for): the py launcher first
where py >nul 2>nul
if errorlevel 1 goto :plain
for %%V in (3.13 3.12 3.11 3.10) do call :try_py %%V
if defined PY goto :venv
:plain
python -c "import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)" >nul 2>nul
if not errorlevel 1 set "PY=python"
if defined PY goto :venv
echo 没有找到 Python 3.10、3.11、3.12 或 3.13。
echo 请先安装 Python（python.org 的 Windows 64 位安装程序，安装时勾选“Add python.exe to PATH”），再双击运行本文件。
goto :fail

:venv
echo 正在创建 Python 环境：%VENV%
%PY% -m venv "%VENV%"
if errorlevel 1 goto :fail

:install
echo 正在从 %HERE%wheels 安装校验程序（不需要网络）……
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%wheels" --upgrade budget-disclosure-checker
if errorlevel 1 goto :fail
"%VENV%\Scripts\python.exe" -m checker.excel.conf "%CONF%" "%VENV%\Scripts\pythonw.exe"
if errorlevel 1 goto :fail

if not exist "%ADDINS%" mkdir "%ADDINS%"
for %%F in (budget_checker.xlam budget_checker_clear.xlam budget_checker_draft.xlam budget_checker.py budget_checker_clear.py budget_checker_draft.py) do (
    copy /Y "%HERE%%%F" "%ADDINS%\" >nul
    if errorlevel 1 goto :fail
)
echo.
echo 安装完成。加载项已复制到 %ADDINS%。
echo 最后一步：Excel → 文件 → 选项 → 加载项 → 管理“Excel 加载项” → 转到 → 浏览，
echo 选中该文件夹中的 budget_checker.xlam、budget_checker_clear.xlam 和 budget_checker_draft.xlam（三个都要勾选）→ 确定。
echo 命令行校验：%VENV%\Scripts\checker.exe run 预算公开.xlsx
pause
exit /b 0

:try_py
if defined PY goto :eof
py -%1 -c "pass" >nul 2>nul
if not errorlevel 1 set "PY=py -%1"
goto :eof

:fail
echo.
echo 安装没有完成，请把上面的信息发给技术支持。
pause
exit /b 1
