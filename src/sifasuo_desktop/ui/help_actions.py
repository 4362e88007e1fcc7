"""帮助 menu: 关于 and 打开数据文件夹."""

from __future__ import annotations

from sifasuo_desktop.services.system_info import system_info
from sifasuo_desktop.ui.dialogs.about import AboutDialog, open_folder


def install(window) -> None:
    window.add_action("帮助", "打开数据文件夹(&D)", lambda: open_folder(system_info(window.ctx).data_dir))
    window.add_action("帮助", "关于(&A)", lambda: AboutDialog(window.ctx, window).exec(), separator=True)
