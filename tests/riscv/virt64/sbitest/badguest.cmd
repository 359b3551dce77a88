badcsr
